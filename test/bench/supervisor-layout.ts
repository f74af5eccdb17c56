import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BUNDLE_DIR, bundlePrograms } from '../../src/packaging/bundle.js';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The supervisor as it runs on the platform: deps/<idx>/bin/sidecars, its bundles, a Node.js. */
export interface Supervisor {
  /** the bin/sidecars shim of the installed layout */
  shim: string;
  /** the node binary it runs on (…/bin/node) */
  node: string;
  /** `v24.21.0` */
  nodeVersion: string;
  describe: string;
}

/**
 * Lays the supervisor out in `dir` as bin/supply installs it into deps/<idx> (bin/sidecars, lib/
 * with the bundles `npm run package` builds for that Node.js and code caches trained on it,
 * VERSION, node/ — here a link to the folder above `node`'s bin/). Every bench then runs it
 * through its shim, flags and all.
 */
export async function createSupervisor(node: string, dir: string): Promise<Supervisor> {
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const runtimeDir = path.dirname(path.dirname(path.resolve(node)));
  const bundle = await bundlePrograms(REPO_DIR, nodeVersion.slice(1), { trainWith: node });
  for (const [file, data] of bundle.files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), data);
  }
  writeFileSync(path.join(dir, 'VERSION'), readFileSync(path.join(REPO_DIR, 'VERSION')));
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(path.join(REPO_DIR, 'bin', 'sidecars'), path.join(dir, 'bin', 'sidecars'));
  symlinkSync(runtimeDir, path.join(dir, 'node'));
  return {
    shim: path.join(dir, 'bin', 'sidecars'),
    node,
    nodeVersion,
    describe: `supervisor: bin/sidecars → ${BUNDLE_DIR}/sidecars*.cjs (esbuild bundles) on Node.js ${nodeVersion}`,
  };
}
