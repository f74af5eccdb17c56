import { randomBytes } from 'node:crypto';
import { chmod, cp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { ensureDir, pathExists } from '../common/fs.js';

export const INSTALL_LIB_DIR = 'lib';
const SHIM = 'bin/sidecars';
const SHIPPED = ['VERSION', 'package.json', 'dist/src'];
/** What never runs: type declarations, TypeScript sources, source maps, docs, packages' own tests. */
const NOT_SHIPPED = /(\.d\.[cm]?ts|\.[cm]?ts|\.map|\.md|\.zip)$|\/(test|tests|docs|benchmarks?)$/;

export function isShipped(file: string): boolean {
  return !NOT_SHIPPED.test(file);
}

/**
 * The runtime packages the supervisor needs: every non-dev entry of the lockfile, so dev tools
 * (TypeScript, ESLint) never reach a droplet.
 */
export async function readRuntimePackagePaths(buildpackDir: string): Promise<string[]> {
  const lock = JSON.parse(await readFile(path.join(buildpackDir, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages ?? {})
    .filter(
      ([key, meta]) => key.startsWith('node_modules/') && meta.dev !== true && meta.devOptional !== true,
    )
    .map(([key]) => key);
}

/**
 * Installs the supervisor into depDir: lib/ (built code, VERSION and runtime packages) and the
 * bin/sidecars shim. lib/ is assembled beside the old one and swapped in with renames, so a
 * failed install leaves the previous one whole.
 */
export async function installSupervisor(
  buildpackDir: string,
  depDir: string,
): Promise<{ runtimePackages: number }> {
  const suffix = randomBytes(6).toString('hex');
  const staging = path.join(depDir, `.${INSTALL_LIB_DIR}-${suffix}.tmp`);
  const previous = path.join(depDir, `.${INSTALL_LIB_DIR}-${suffix}.old`);
  const target = path.join(depDir, INSTALL_LIB_DIR);
  try {
    const sources = [...SHIPPED, ...(await readRuntimePackagePaths(buildpackDir))];
    for (const relative of sources) {
      const from = path.join(buildpackDir, relative);
      if (!(await pathExists(from))) {
        throw new SidecarError(
          'install_failed',
          `the buildpack is incomplete: ${relative} is missing`,
          'Rebuild the buildpack (npm ci && npm run build).',
        );
      }
      await cp(from, path.join(staging, relative), { recursive: true, dereference: true, filter: isShipped });
    }
    await ensureDir(path.join(depDir, 'bin'));
    await cp(path.join(buildpackDir, SHIM), path.join(depDir, SHIM));
    await chmod(path.join(depDir, SHIM), 0o755);
    const hadPrevious = await pathExists(target);
    if (hadPrevious) await rename(target, previous);
    await rename(staging, target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return { runtimePackages: sources.length - SHIPPED.length };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof SidecarError) throw error;
    throw new SidecarError(
      'install_failed',
      `could not install the supervisor into ${depDir}: ${(error as Error).message}`,
      undefined,
      { cause: error },
    );
  }
}
