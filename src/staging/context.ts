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

/**
 * True for "00".."99": the builder pads every index to the same width when there are 10 or more
 * buildpacks, and the platform then looks for deps/0/launch.yml … and ignores every launch.yml.
 */
export function isPaddedIndex(depsIdx: string): boolean {
  return depsIdx.length > 1;
}

export function isValidIndex(depsIdx: string): boolean {
  return /^\d{1,3}$/.test(depsIdx);
}
