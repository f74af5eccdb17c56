import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TestContext } from 'node:test';

import { toDepsIndexes } from '../../src/staging/local-builder.js';

import { makeTempDir } from './tmp-dir.js';

export interface StagingLayout {
  buildDir: string;
  cacheDir: string;
  depsDir: string;
  depsIdx: string;
  depDir: string;
}

/**
 * A temp layout like the platform builder's: the app copied into build/, a cache dir, and
 * deps/<i> pre-created for every buildpack with the builder's zero-padding (10+ → "00".."NN").
 */
export async function createStagingLayout(
  t: TestContext,
  appFixture: string | undefined,
  options: { buildpacks?: number; index?: number } = {},
): Promise<StagingLayout> {
  const root = await makeTempDir(t, 'sidecars-staging-');
  const buildpacks = options.buildpacks ?? 2;
  const index = options.index ?? 0;
  const indexes = toDepsIndexes(buildpacks);
  const buildDir = path.join(root, 'build');
  const cacheDir = path.join(root, 'cache');
  const depsDir = path.join(root, 'deps');
  await mkdir(buildDir, { recursive: true });
  await mkdir(cacheDir, { recursive: true });
  for (const depsIdx of indexes) await mkdir(path.join(depsDir, depsIdx), { recursive: true });
  if (appFixture !== undefined) await cp(appFixture, buildDir, { recursive: true, verbatimSymlinks: true });
  const depsIdx = indexes[index] ?? String(index);
  return { buildDir, cacheDir, depsDir, depsIdx, depDir: path.join(depsDir, depsIdx) };
}
