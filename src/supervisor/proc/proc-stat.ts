/** One process as /proc/<pid>/stat describes it: enough to walk trees and sum their memory. */
export interface ProcessRow {
  ppid: number;
  /** process group id */
  pgid: number;
  rssBytes: number;
  /** how many threads it runs: a child can be listed under any of them in /proc */
  threads: number;
  /** exited but not yet reaped: holds no memory and cannot be signalled away */
  zombie: boolean;
}

const SPACE = 0x20;
const CLOSE_PAREN = 0x29;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
// indexes among the fields after the command name: state(0) ppid(1) pgrp(2) … num_threads(17) … rss(21)
const PPID = 1;
const PGRP = 2;
const NUM_THREADS = 17;
const RSS = 21;

/** The unsigned decimal at bytes[start…], or -1 if there is none. */
function readUint(bytes: Uint8Array, start: number, end: number): number {
  let value = -1;
  for (let j = start; j < end; j++) {
    const byte = bytes[j] as number;
    if (byte < DIGIT_0 || byte > DIGIT_9) break;
    value = (value < 0 ? 0 : value * 10) + (byte - DIGIT_0);
  }
  return value;
}

/**
 * Parses /proc/<pid>/stat from its bytes, making no strings: the memory poller reads the stat of
 * every supervised process once a second, and garbage there is what would grow the supervisor's
 * RSS. The command name may hold spaces and parentheses, so fields are counted from its last
 * closing parenthesis. Returns null for a malformed line.
 */
export function parseProcStat(bytes: Uint8Array, length: number, pageSize: number): ProcessRow | null {
  // a native search: the name sits near the start, ~250 bytes before the end of the line
  const close = length > 0 ? bytes.lastIndexOf(CLOSE_PAREN, length - 1) : -1;
  if (close < 0) return null;
  const start = close + 2;
  const state = bytes[start];
  let ppid = -1;
  let pgid = -1;
  let threads = -1;
  let field = 0;
  for (let j = start; j < length; j++) {
    if (bytes[j] !== SPACE) continue;
    field += 1;
    if (field === PPID) ppid = readUint(bytes, j + 1, length);
    else if (field === PGRP) pgid = readUint(bytes, j + 1, length);
    else if (field === NUM_THREADS) threads = readUint(bytes, j + 1, length);
    else if (field === RSS) {
      const rssPages = readUint(bytes, j + 1, length);
      if (ppid < 0 || pgid < 0 || threads < 0 || rssPages < 0) return null;
      const zombie = state === 0x5a || state === 0x58;
      return { ppid, pgid, rssBytes: rssPages * pageSize, threads, zombie };
    }
  }
  return null;
}

/**
 * /proc/<pid>/statm ("size resident shared …", in pages) → resident bytes; -1 for a process with
 * no memory at all (size 0: it has exited and waits to be reaped); null for a malformed line.
 * Reads the first two numbers only, into no array: it runs for every member on every poll.
 */
export function parseStatmRss(bytes: Uint8Array, length: number, pageSize: number): number | null {
  const end = Math.min(length, bytes.length);
  const size = readUint(bytes, 0, end);
  let i = 0;
  while (i < end && bytes[i] !== SPACE) i++;
  const resident = readUint(bytes, i + 1, end);
  if (size < 0 || resident < 0) return null;
  return size === 0 ? -1 : resident * pageSize;
}

/** "12 345 " → pushes 12 and 345 onto `into` (a children file, a statm line), making no strings. */
export function parseUints(bytes: Uint8Array, length: number, into: number[]): void {
  let value = -1;
  for (let i = 0; i <= length; i++) {
    const byte = i < length ? (bytes[i] as number) : SPACE;
    if (byte >= DIGIT_0 && byte <= DIGIT_9) value = (value < 0 ? 0 : value * 10) + (byte - DIGIT_0);
    else if (value >= 0) {
      into.push(value);
      value = -1;
    }
  }
}
