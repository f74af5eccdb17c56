import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

import { parseProcStat, type ProcessRow } from './proc-stat.js';

export type { ProcessRow };
export type ProcessTable = ReadonlyMap<number, ProcessRow>;

export const PROC = '/proc';
/** The auxiliary vector's entry for the page size (AT_PAGESZ in <elf.h>). */
const AT_PAGESZ = 6n;
const AUXV_ENTRY_BYTES = 16;
let pageSizeBytes: number | undefined;

/** AT_PAGESZ from an auxiliary vector of 64-bit (type, value) pairs; null when it is not there. */
export function parseAuxvPageSize(auxv: Buffer, littleEndian: boolean): number | null {
  for (let i = 0; i + AUXV_ENTRY_BYTES <= auxv.length; i += AUXV_ENTRY_BYTES) {
    const type = littleEndian ? auxv.readBigUInt64LE(i) : auxv.readBigUInt64BE(i);
    if (type !== AT_PAGESZ) continue;
    return Number(littleEndian ? auxv.readBigUInt64LE(i + 8) : auxv.readBigUInt64BE(i + 8));
  }
  return null;
}

/**
 * The kernel's page size (the unit of RSS in /proc): from our own auxiliary vector, a read of a few
 * hundred bytes, not a `getconf` child: this runs while a command starts, and the supervisor must
 * not block its event loop then (npm run bench: launch → first line).
 */
export function readPageSize(): number {
  if (pageSizeBytes !== undefined) return pageSizeBytes;
  let fromAuxv: number | null = null;
  try {
    fromAuxv = parseAuxvPageSize(readFileSync(`${PROC}/self/auxv`), endianness() === 'LE');
  } catch {
    // no /proc/self/auxv: ask getconf
  }
  pageSizeBytes =
    fromAuxv ?? (Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096);
  return pageSizeBytes;
}

/** One reusable buffer: a stat line is well under 1 KiB. */
const STAT_BUFFER = Buffer.alloc(4096);

function readStatInto(pid: string): number {
  const fd = openSync(`${PROC}/${pid}/stat`, 'r');
  try {
    return readSync(fd, STAT_BUFFER, 0, STAT_BUFFER.length, 0);
  } finally {
    closeSync(fd);
  }
}

function readFromProc(): Map<number, ProcessRow> {
  const pageSize = readPageSize();
  const table = new Map<number, ProcessRow>();
  for (const entry of readdirSync(PROC)) {
    const first = entry.charCodeAt(0);
    if (first < 0x30 || first > 0x39) continue;
    let length: number;
    try {
      length = readStatInto(entry);
    } catch {
      continue; // it exited between readdir and read: it has no memory to count
    }
    const row = parseProcStat(STAT_BUFFER, length, pageSize);
    if (row !== null) table.set(Number(entry), row);
  }
  return table;
}

/** `ps` output "pid ppid pgid rssKiB stat" → table (macOS and other systems without /proc). */
export function parsePsOutput(text: string): Map<number, ProcessRow> {
  const table = new Map<number, ProcessRow>();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const [pid, ppid, pgid, rssKib] = parts.slice(0, 4).map(Number);
    if (pid === undefined || ppid === undefined || pgid === undefined || rssKib === undefined) continue;
    if ([pid, ppid, pgid, rssKib].some((n) => !Number.isInteger(n))) continue;
    const zombie = parts[4]?.startsWith('Z') === true;
    table.set(pid, { ppid, pgid, rssBytes: rssKib * 1024, threads: 1, zombie });
  }
  return table;
}

function readFromPs(): Map<number, ProcessRow> {
  return parsePsOutput(execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,rss=,stat='], { encoding: 'utf8' }));
}

let hasProc: boolean | undefined;

/**
 * One consistent snapshot of every process: a single pass over /proc (Linux) gives parents,
 * groups and RSS together. The fallback of tree-reader.ts where /proc has no children files, and
 * the last check of a stopping tree's groups. Throws when no source is readable.
 */
export function readProcessTable(): ProcessTable {
  hasProc ??= (() => {
    try {
      readFileSync(`${PROC}/self/stat`);
      return true;
    } catch {
      return false;
    }
  })();
  return hasProc ? readFromProc() : readFromPs();
}
