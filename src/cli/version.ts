import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The buildpack's root: the shims set SIDECAR_BUILDPACK_DIR; otherwise three levels above this
 * file (dist/src/cli/version.js in a checkout, lib/dist/src/cli/version.js when installed).
 */
export function resolveBuildpackDir(): string {
  return (
    process.env['SIDECAR_BUILDPACK_DIR'] ??
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
  );
}

/** `sidecars 0.1.0 (Node.js v24.21.0)`: which buildpack, and the runtime under it (bin/sidecars picks one). */
export function toVersionLine(buildpackVersion: string, nodeVersion: string): string {
  return `sidecars ${buildpackVersion} (Node.js ${nodeVersion})`;
}

export function readBuildpackVersion(): string {
  return readFileSync(path.join(resolveBuildpackDir(), 'VERSION'), 'utf8').trim();
}
