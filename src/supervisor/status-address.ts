import path from 'node:path';

import { SidecarError } from '../common/errors.js';

/** Where the state API listens: a unix socket, or a loopback TCP port (0 = pick one). */
export type StatusAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

/** The socket `sidecars exec` listens on by default: $TMPDIR/sidecars/<launch.yml entry>.sock */
export function toDefaultSocket(tmpDir: string, entry: string): StatusAddress {
  return { kind: 'unix', path: path.join(tmpDir, 'sidecars', `${entry}.sock`) };
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
    return { kind: 'unix', path: path.resolve(cwd, file) };
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
