import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import { execa } from 'execa';

import { SidecarError } from '../common/errors.js';
import { pathExists } from '../common/fs.js';

import type { Dependency } from './buildpack-manifest.js';
import type { RuntimeTarball } from './runtime-tarball.js';

/** Where the node binary sits in the npm tarball, and in the archive shipped in the zip. */
const BINARY_IN_TARBALL = 'package/bin/node';
export const BINARY_IN_ARCHIVE = 'bin/node';
/** xz -6: about 29 MB for the 120 MB binary, about 2 s to extract; the packager's own choice. */
const XZ_ARGS = ['-6', '-T0', '--quiet'];
/** Reproducible tar: no owner, time or order from the machine that packaged it. */
const TAR_ARGS = ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0'];

export interface RuntimeArchive {
  /** the archive's path on disk */
  path: string;
  /** its name inside the zip */
  file: string;
  sha256: string;
  bytes: number;
}

/** `node-24.21.0-linux-x64-00b5c43d.tar.xz`: the version and the source it was made from. */
export function toArchiveName(dependency: Dependency): string {
  return `${dependency.name}-${dependency.version}-linux-x64-${dependency.source_sha256.slice(0, 8)}.tar.xz`;
}

/**
 * The shipped runtime: only bin/node of the checked npm tarball, as tar.xz. xz at 120 MB takes
 * about a minute, so the archive is kept in cacheDir under a name that carries the source's
 * sha256, and made again only when the pinned runtime changes.
 */
export async function createRuntimeArchive(
  dependency: Dependency,
  tarball: RuntimeTarball,
  cacheDir: string,
): Promise<RuntimeArchive> {
  const name = toArchiveName(dependency);
  const cached = path.join(cacheDir, name);
  if (!(await pathExists(cached))) {
    await mkdir(cacheDir, { recursive: true });
    const work = await mkdtemp(path.join(cacheDir, '.work-'));
    try {
      await execa('tar', ['-xzf', tarball.file, '-C', work, BINARY_IN_TARBALL]);
      const tmp = path.join(work, name);
      await execa('bash', [
        '-c',
        'set -o pipefail; tar "${@:3}" -C "$1/package" -cf - bin/node | xz ' + XZ_ARGS.join(' ') + ' > "$2"',
        'archive',
        work,
        tmp,
        ...TAR_ARGS,
      ]);
      await rename(tmp, cached);
    } catch (error) {
      throw new SidecarError(
        'install_failed',
        `could not make ${name}: ${(error as Error).message}`,
        'Packaging needs tar and xz (Debian: xz-utils).',
        { cause: error },
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const data = await readFile(cached);
  return {
    path: cached,
    file: `dependencies/${name}`,
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.length,
  };
}

/** Extracts the runtime's node binary from the checked npm tarball into dir; resolves to its path. */
export async function extractRuntimeBinary(tarball: RuntimeTarball, dir: string): Promise<string> {
  await execa('tar', ['-xzf', tarball.file, '-C', dir, BINARY_IN_TARBALL]);
  return path.join(dir, BINARY_IN_TARBALL);
}
