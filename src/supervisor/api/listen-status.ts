// Putting the state API's server on its address: a loopback port, or a unix socket file. Every
// failure comes out as one SidecarError that names the address and why; none leaves a file behind.
// A unix socket's path is claimed first (.<name>.lock beside it, claim-file.ts): only its holder may bind
// there or remove a socket file left at that path, so that two supervisors started at the same
// moment never both take it (the loser removing the winner's file and listening on a path no
// one can reach); the holder removes the socket, then its claim, when it closes.
import { rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import {
  chmodAsync as chmod,
  lstatAsync as lstat,
  mkdirAsync as mkdir,
  rmAsync as rm,
} from '../../common/fs-async.js';
import { claimFile } from '../claim/claim-file.js';
import { type ClaimHolder, toHolderText } from '../claim/claim-holder.js';
import { toErrnoText } from './errno-text.js';
import { ensurePrivateDir } from './private-dir.js';
import { toAddressText, toSocketLock, toSocketPathProblem } from './status-address.js';
import type { StatusAddress } from '../model/status-address.js';

export interface ListenOptions {
  /** the socket's directory is a private one under a shared root (/tmp): see private-dir.ts */
  privateDirOf: number | null;
  /** what listens, for those who find the path taken: `sidecars exec` */
  by?: string;
}

/** The path is another live process's: its claim's holder (null: a socket with no claim answers). */
export class SocketHeldError extends SidecarError {
  constructor(
    message: string,
    hint: string,
    readonly holder: ClaimHolder | null,
  ) {
    super('usage', message, hint);
  }
}

const SHORTER_HINT =
  'Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).';
const WRITABLE_HINT =
  'Use a --status unix:PATH in a directory you can write, or a loopback port (--status 127.0.0.1:0).';
const IN_USE_HINT =
  'Stop what is listening there, or pick another --status address (127.0.0.1:0 picks a free port).';

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

/**
 * mkdir -p, 0700. Node.js reports a recursive mkdir that failed for another reason than EACCES,
 * EPERM or ENOTDIR (EROFS, say) as ENOENT: the last directory then tells the real reason.
 */
async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { mode: 0o700 }).catch((lastError: unknown) => {
      throw (lastError as NodeJS.ErrnoException).code === 'ENOENT' ? error : lastError;
    });
  }
}

/** Listens on `address`; a unix socket gets its directory (0700 when made) and mode 0600. */
export async function listenStatus(
  server: Server,
  address: StatusAddress,
  opts: ListenOptions = { privateDirOf: null },
): Promise<void> {
  const fail = (why: string, hint: string, cause?: unknown): SidecarError =>
    new SidecarError('usage', `cannot listen on ${toAddressText(address)}: ${why}`, hint, { cause });
  if (address.kind === 'tcp') {
    try {
      await listen(server, address);
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      throw fail(toErrnoText(error), inUse ? IN_USE_HINT : WRITABLE_HINT, error);
    }
    return;
  }
  // before listen: Node.js would bind the path cut short, somewhere else, and leave that file
  const problem = toSocketPathProblem(address.path);
  if (problem !== null) throw fail(problem, SHORTER_HINT);
  const dir = path.dirname(address.path);
  try {
    if (opts.privateDirOf !== null) await ensurePrivateDir(dir, opts.privateDirOf);
    else await makeDir(dir);
  } catch (error) {
    if (error instanceof SidecarError) throw fail(error.message, error.hint ?? WRITABLE_HINT, error);
    throw fail(`cannot make its directory ${dir}: ${toErrnoText(error)}`, WRITABLE_HINT, error);
  }
  let claim;
  let bound = false;
  try {
    claim = claimFile(toSocketLock(address.path), {
      by: opts.by ?? 'a sidecars supervisor',
      // once bound, the file there is ours (server.close() removes it; an exit may not close it)
      onRelease: () => {
        if (bound) rmSync(address.path, { force: true });
      },
    });
  } catch (error) {
    throw fail(toErrnoText(error), WRITABLE_HINT, error);
  }
  if (claim.kind === 'taken') {
    const { holder } = claim;
    throw new SocketHeldError(
      `cannot listen on ${toAddressText(address)}: ${toHolderText(holder)} listens there`,
      `Stop it (kill ${holder.pid}), or pick another --status address (127.0.0.1:0 picks a free port).`,
      holder,
    );
  }
  try {
    await listenClaimed(server, address, fail);
    bound = true;
  } catch (error) {
    claim.release();
    throw error;
  }
  // server.close() removes the socket file; then the path is free for the next one
  server.once('close', claim.release);
}

/** Listens on the unix socket whose path this process has claimed; then makes it mode 0600. */
async function listenClaimed(
  server: Server,
  address: StatusAddress & { kind: 'unix' },
  fail: (why: string, hint: string, cause?: unknown) => SidecarError,
): Promise<void> {
  try {
    await listen(server, address);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw fail(toErrnoText(error), WRITABLE_HINT, error);
    }
    const isSocket = await lstat(address.path).then(
      (stats) => stats.isSocket(),
      () => false,
    );
    if (!isSocket) {
      throw fail(`${address.path} is there and is not a socket`, 'Pick another path, or remove that file.');
    }
    if (await isSocketAlive(address.path)) {
      // a process that makes no claim (another program, an older supervisor) listens there
      throw new SocketHeldError(
        `cannot listen on ${toAddressText(address)}: already in use`,
        IN_USE_HINT,
        null,
      );
    }
    // a socket file left by a supervisor that died: nobody answers on it, and we hold the path
    try {
      await rm(address.path, { force: true });
      await listen(server, address);
    } catch (retryError) {
      throw fail(toErrnoText(retryError), IN_USE_HINT, retryError);
    }
  }
  try {
    await chmod(address.path, 0o600);
  } catch (error) {
    // server.close() removes the socket file
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw fail(`cannot make the socket private (mode 0600): ${toErrnoText(error)}`, WRITABLE_HINT, error);
  }
}
