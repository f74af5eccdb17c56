import path from 'node:path';

/** The four arguments the platform's builder passes to bin/supply, and what follows from them. */
export interface StagingContext {
  buildDir: string;
  cacheDir: string;
  depsDir: string;
  depsIdx: string;
  /** depsDir/depsIdx: the only place supply writes */
  depDir: string;
}

export function createStagingContext(
  buildDir: string,
  cacheDir: string,
  depsDir: string,
  depsIdx: string,
): StagingContext {
  return { buildDir, cacheDir, depsDir, depsIdx, depDir: path.join(depsDir, depsIdx) };
}

/** True for "00".."99": the builder pads the index with 10+ buildpacks, and the platform then ignores every launch.yml. */
export function isPaddedIndex(depsIdx: string): boolean {
  return depsIdx.length > 1 && depsIdx.startsWith('0');
}

export function isValidIndex(depsIdx: string): boolean {
  return /^\d{1,3}$/.test(depsIdx);
}
