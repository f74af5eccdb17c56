import { closeSync, openSync, readFile, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { fsyncAsync, mkdirAsync, statAsync } from './fs-async.js';

/**
 * Reads a text file without node:fs/promises: the callback API runs the read on libuv's pool, so
 * the event loop (and the SIGTERM/SIGINT handlers it runs) stays free while a slow file is read.
 */
export function readTextFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    readFile(file, 'utf8', (error, text) => (error === null ? resolve(text) : reject(error)));
  });
}

/** Temp names unique on this host for as long as this process lives ('wx' refuses any clash). */
let tmpCount = 0;

/** fsync(2) on libuv's pool: the one step of a durable write that waits on the disk. */
export const syncFile = fsyncAsync;

/** Writes the content of a file being made, piece by piece: each piece to the page cache at once. */
export type FileWriter = (write: (piece: string | Uint8Array) => void) => Promise<void>;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part,
 * and it survives a crash once resolved (temp file, fsync, rename). Only the fsync leaves the
 * event loop: opening, writing to the page cache and renaming take microseconds each, far less
 * than a round trip through libuv's pool, and several such writes then wait on the disk together.
 */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array | FileWriter,
  mode = 0o644,
): Promise<void> {
  tmpCount += 1;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tmpCount}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    if (typeof content === 'function') await content((piece) => writeFileSync(fd, piece));
    else writeFileSync(fd, content);
    await syncFile(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Waits for every one to settle (none left running), then fails with the first failure, if any. */
export async function settleAll(writes: ReadonlyArray<Promise<unknown>>): Promise<void> {
  for (const result of await Promise.allSettled(writes)) {
    if (result.status === 'rejected') throw result.reason;
  }
}

export async function ensureDir(dir: string): Promise<void> {
  await mkdirAsync(dir, { recursive: true });
}

export async function pathExists(file: string): Promise<boolean> {
  try {
    await statAsync(file);
    return true;
  } catch {
    return false;
  }
}
