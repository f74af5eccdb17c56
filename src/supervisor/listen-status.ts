// Putting the state API's server on its address: a loopback port, or a unix socket file.
import { createConnection } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { type StatusAddress, toAddressText } from './status-address.js';

async function isSocketAlive(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(file);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function listen(server: Server, address: StatusAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (address.kind === 'unix') server.listen(address.path, done);
    else server.listen(address.port, address.host, done);
  });
}

/** Listens on `address`; a unix socket gets its directory (0700) and mode 0600. */
export async function listenStatus(server: Server, address: StatusAddress): Promise<void> {
  const { chmod, mkdir, rm } = await import('node:fs/promises');
  if (address.kind === 'unix') await mkdir(path.dirname(address.path), { recursive: true, mode: 0o700 });
  try {
    await listen(server, address);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // a socket file left by a supervisor that died: nobody answers on it, so it can go
    if (address.kind === 'unix' && code === 'EADDRINUSE' && !(await isSocketAlive(address.path))) {
      await rm(address.path, { force: true });
      await listen(server, address);
    } else {
      throw new SidecarError(
        'usage',
        `cannot listen on ${toAddressText(address)}: ${code === 'EADDRINUSE' ? 'already in use' : (error as Error).message}`,
        'Pick another --status address, or stop what is listening there.',
        { cause: error },
      );
    }
  }
  if (address.kind === 'unix') await chmod(address.path, 0o600);
}
