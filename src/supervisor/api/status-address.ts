import path from 'node:path';

import { toShortHash } from '../../common/short-hash.js';

import { SidecarError } from '../../common/errors.js';
import type { StatusAddress } from '../model/status-address.js';

/**
 * The longest unix socket path, in bytes: the kernel's sun_path holds 108 bytes on Linux (104 on
 * macOS and the BSDs), NUL included. Node.js does not refuse a longer path: it binds (or connects
 * to) the path cut short, so a too-long path must be refused before it reaches listen/connect.
 */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

/** Where a default socket goes when $TMPDIR/sidecars/<entry>.sock cannot be: a dir of this root. */
export const FALLBACK_SOCKET_ROOT = '/tmp';

/** Why `file` cannot be a unix socket path, or null if it can. */
export function toSocketPathProblem(file: string): string | null {
  const bytes = Buffer.byteLength(file);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return null;
  return `the socket path is ${bytes} bytes, over the ${MAX_SOCKET_PATH_BYTES}-byte limit of a unix socket path`;
}

/** The socket `sidecars exec` listens on by default: $TMPDIR/sidecars/<launch.yml entry>.sock */
export function toDefaultSocket(tmpDir: string, entry: string): StatusAddress {
  return { kind: 'unix', path: path.join(tmpDir, 'sidecars', `${entry}.sock`) };
}

/** The claim of a socket's path (claim-file.ts): `.<name>.lock` beside it, which no listing takes for a socket. */
export function toSocketLock(socketPath: string): string {
  return path.join(path.dirname(socketPath), `.${path.basename(socketPath)}.lock`);
}

/**
 * Where a supervisor listens when another live one holds `address` (the same launch.yml entry, one
 * TMPDIR): `<name>.<pid>.sock` beside it. Entry names hold no dot, so it is never another's default.
 */
export function toSuffixedSocket(address: StatusAddress, pid: number): StatusAddress {
  if (address.kind !== 'unix') return address;
  const base = path.basename(address.path, '.sock');
  return { kind: 'unix', path: path.join(path.dirname(address.path), `${base}.${pid}.sock`) };
}

/** The pid in a socket name that toSuffixedSocket made; null for a default socket. */
export function toSocketSuffixPid(socketPath: string): number | null {
  const match = /\.(\d+)\.sock$/.exec(path.basename(socketPath));
  return match === null ? null : Number(match[1]);
}

/**
 * The private dir of the fallback sockets of one user and one TMPDIR: /tmp/sidecars-<uid>-<hash of
 * TMPDIR>. Short whatever TMPDIR is, and computable by `sidecars status` from TMPDIR alone.
 */
export function toFallbackSocketDir(tmpDir: string, uid: number): string {
  return path.join(FALLBACK_SOCKET_ROOT, `sidecars-${uid}-${toShortHash(path.resolve(tmpDir))}`);
}

/**
 * Where `sidecars exec` listens when its default socket cannot be made (path too long, directory
 * not makeable): <fallback dir>/<entry>.sock, or <hash of entry>.sock if even that is too long.
 */
export function toFallbackSocket(tmpDir: string, entry: string, uid: number): StatusAddress {
  const dir = toFallbackSocketDir(tmpDir, uid);
  const file = path.join(dir, `${entry}.sock`);
  return {
    kind: 'unix',
    path: toSocketPathProblem(file) === null ? file : path.join(dir, `${toShortHash(entry)}.sock`),
  };
}

export function toAddressText(address: StatusAddress): string {
  if (address.kind === 'unix') return `unix:${address.path}`;
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

function isLoopbackHost(host: string): boolean {
  return host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * `unix:PATH` | `127.0.0.1:PORT` (any 127.x) | `localhost:PORT` | `[::1]:PORT`. Anything else is
 * refused: the API has no authentication, so it must not be reachable from outside the machine.
 */
export function parseStatusAddress(text: string, cwd: string): StatusAddress {
  const hint = 'Use --status unix:PATH or --status 127.0.0.1:PORT (PORT 0 picks a free port).';
  if (text.startsWith('unix:')) {
    const file = text.slice('unix:'.length);
    if (file === '') throw new SidecarError('usage', `--status ${text}: no socket path`, hint);
    const resolved = path.resolve(cwd, file);
    const problem = toSocketPathProblem(resolved);
    if (problem !== null) {
      throw new SidecarError(
        'usage',
        `--status ${text}: ${problem}${resolved !== file ? ` (${resolved})` : ''}`,
        'Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).',
      );
    }
    return { kind: 'unix', path: resolved };
  }
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (match === null) {
    throw new SidecarError('usage', `--status ${text}: not an address (unix:PATH or HOST:PORT)`, hint);
  }
  const rawHost = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port > 65535) {
    throw new SidecarError('usage', `--status ${text}: ${match[3] ?? ''} is not a port number`, hint);
  }
  const host = rawHost === 'localhost' ? '127.0.0.1' : rawHost;
  if (!isLoopbackHost(host)) {
    throw new SidecarError(
      'usage',
      `--status ${text}: ${rawHost} is not a loopback address; the state API has no authentication and listens only on loopback or a unix socket`,
      hint,
    );
  }
  return { kind: 'tcp', host, port };
}
