import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';

import { SidecarError } from '../common/errors.js';

/** What the platform's builder puts into the droplet tarball (result.json travels beside it). */
export const DROPLET_MEMBERS = ['app', 'deps', 'profile.d', 'tmp', 'logs', 'staging_info.yml'];

export interface PackedSize {
  /** bytes of the tar.gz */
  bytes: number;
  /** wall time of tar -czf */
  ms: number;
}

/**
 * The size of `tar -czf - -C dir MEMBERS…`, as the platform's builder packs the droplet and the
 * build artifacts cache (gzip's default level, 6), counted as it streams: nothing is written.
 * Members that do not exist are left out; `.` packs the whole dir, as the builder packs the cache.
 */
export async function measurePacked(dir: string, members: readonly string[]): Promise<PackedSize> {
  const present = new Set(await readdir(dir).catch(() => [] as string[]));
  const chosen = members.filter((m) => m === '.' || present.has(m));
  const args = ['-czf', '-', '-C', dir, ...(chosen.length === 0 ? ['--files-from', '/dev/null'] : chosen)];
  const started = performance.now();
  const tar = spawn('tar', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let bytes = 0;
  let stderr = '';
  tar.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('close', (exit) => resolve(exit ?? 1));
  }).catch((error: unknown) => {
    throw new SidecarError('install_failed', `could not run tar: ${(error as Error).message}`);
  });
  if (code !== 0)
    throw new SidecarError('install_failed', `tar -czf of ${dir} exited ${code}: ${stderr.trim()}`);
  return { bytes, ms: performance.now() - started };
}

/** `39.4 MB (41318234 bytes, 5.3 s)` */
export function formatPacked(size: PackedSize): string {
  return `${(size.bytes / 1024 / 1024).toFixed(1)} MB (${size.bytes} bytes, ${(size.ms / 1000).toFixed(1)} s)`;
}
