import { randomBytes } from 'node:crypto';
import { chmod, cp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { ensureDir, pathExists } from '../common/fs.js';

export const INSTALL_LIB_DIR = 'lib';
const SHIM = 'bin/sidecars';
/** A packaged buildpack: the supervisor's bundles, and bundle.json listing them and what is inside. */
const BUNDLE_MAIN = 'sidecars.cjs';
const BUNDLE_INFO = 'bundle.json';
/** Where bin/supply extracted the packaged buildpack's Node.js before it ran supply. */
export const RUNTIME_DIR = 'node';
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

/** What bin/supply runs in a development checkout (npm run build); a zip or a git clone has none. */
const CHECKOUT_SUPPLY = 'dist/src/cli/supply.js';

/**
 * A zip or a git clone of the buildpack: lib/'s bundles (committed to the repository too) and no
 * build of src/, as bin/supply decides.
 */
export async function isPackaged(buildpackDir: string): Promise<boolean> {
  return (
    (await pathExists(path.join(buildpackDir, INSTALL_LIB_DIR, BUNDLE_MAIN))) &&
    !(await pathExists(path.join(buildpackDir, CHECKOUT_SUPPLY)))
  );
}

/** Copies what the supervisor needs into the fresh lib dir; resolves to the runtime package count. */
async function copySupervisor(
  buildpackDir: string,
  depDir: string,
  staging: string,
  runtimeDir: string | undefined,
): Promise<number> {
  if (await isPackaged(buildpackDir)) {
    // a zip or a git clone: lib/sidecars*.cjs (no node_modules), VERSION beside bin/ as in the zip,
    // and the Node.js runtime that bin/supply checked and extracted into deps/<idx>/.node.tmp
    if (runtimeDir === undefined || !(await pathExists(path.join(runtimeDir, 'bin', 'node')))) {
      throw new SidecarError(
        'install_failed',
        `no Node.js runtime to install${runtimeDir === undefined ? '' : ` at ${runtimeDir}`}`,
        "Stage with the buildpack's bin/supply, which fetches, checks and extracts the runtime before supply runs.",
      );
    }
    await moveRuntime(runtimeDir, path.join(depDir, RUNTIME_DIR));
    const info = JSON.parse(
      await readFile(path.join(buildpackDir, INSTALL_LIB_DIR, BUNDLE_INFO), 'utf8'),
    ) as {
      packages?: unknown[];
      supervisor?: string[];
    };
    for (const file of [BUNDLE_INFO, ...(info.supervisor ?? [BUNDLE_MAIN])]) {
      await cp(path.join(buildpackDir, INSTALL_LIB_DIR, file), path.join(staging, file));
    }
    await cp(path.join(buildpackDir, 'VERSION'), path.join(depDir, 'VERSION'));
    return info.packages?.length ?? 0;
  }
  // a development checkout: the tsc output and the lockfile's runtime packages
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
  return sources.length - SHIPPED.length;
}

/** A rename (bin/supply extracts it beside its place), or a copy from elsewhere (another device). */
async function moveRuntime(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
  }
}

/**
 * Installs the supervisor into depDir: lib/ (the bundle of a packaged buildpack; or, from a
 * checkout, built code, VERSION and runtime packages) and the bin/sidecars shim. lib/ is assembled beside the old one and swapped in with renames, so a
 * failed install leaves the previous one whole.
 */
export async function installSupervisor(
  buildpackDir: string,
  depDir: string,
  /** packaged buildpacks: the extracted Node.js runtime to copy into deps/<idx>/node */
  runtimeDir?: string,
): Promise<{ runtimePackages: number }> {
  const suffix = randomBytes(6).toString('hex');
  const staging = path.join(depDir, `.${INSTALL_LIB_DIR}-${suffix}.tmp`);
  const previous = path.join(depDir, `.${INSTALL_LIB_DIR}-${suffix}.old`);
  const target = path.join(depDir, INSTALL_LIB_DIR);
  try {
    await ensureDir(staging);
    const runtimePackages = await copySupervisor(buildpackDir, depDir, staging, runtimeDir);
    await ensureDir(path.join(depDir, 'bin'));
    await cp(path.join(buildpackDir, SHIM), path.join(depDir, SHIM));
    await chmod(path.join(depDir, SHIM), 0o755);
    const hadPrevious = await pathExists(target);
    if (hadPrevious) await rename(target, previous);
    await rename(staging, target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return { runtimePackages };
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
