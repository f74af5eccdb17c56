// node:fs's callback API as promises, for what the supervisor runs as it starts and while it
// idles. node:fs/promises loads readline and the REPL's history with it (Node.js 24): +1.0 MB of
// the supervisor's RSS, which launch.yml declares, and ~2 ms of its start. The callback API runs
// on libuv's pool just the same.
import { chmod, fsync, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs';
import { promisify } from 'node:util';

export const chmodAsync = promisify(chmod);
/** fsync(2) on libuv's pool: the one step of a durable write that waits on the disk. */
export const fsyncAsync = promisify(fsync);
export const lstatAsync = promisify(lstat);
export const mkdirAsync = promisify(mkdir);
export const renameAsync = promisify(rename);
export const rmAsync = promisify(rm);
export const statAsync = promisify(stat);
export const writeFileAsync = promisify(writeFile);
