import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

import { parseProcStat, type ProcessRow } from './proc-stat.js';

export type { ProcessRow };
export type ProcessTable = ReadonlyMap<number, ProcessRow>;

export const PROC = '/proc';
/** The auxiliary vector's entry for the page size (AT_PAGESZ in <elf.h>). */
const AT_PAGESZ = 6n;
const AUXV_ENTRY_BYTES = 16;
let pageSizeBytes: number | null | undefined;

/** AT_PAGESZ from an auxiliary vector of 64-bit (type, value) pairs; null when it is not there. */
export function parseAuxvPageSize(auxv: Buffer, littleEndian: boolean): number | null {
  for (let i = 0; i + AUXV_ENTRY_BYTES <= auxv.length; i += AUXV_ENTRY_BYTES) {
    const type = littleEndian ? auxv.readBigUInt64LE(i) : auxv.readBigUInt64BE(i);
    if (type !== AT_PAGESZ) continue;
    return Number(littleEndian ? auxv.readBigUInt64LE(i + 8) : auxv.readBigUInt64BE(i + 8));
  }
  return null;
}

/** "KernelPageSize:        4 kB" in a smaps text → bytes; null when it is not there. */
export function parseKernelPageSize(text: string): number | null {
  const match = /^KernelPageSize:\s+(\d+) kB$/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]) * 1024;
}

/** The first mappings of our own smaps: each names its page size, near the top. */
const SMAPS_HEAD_BYTES = 4096;

function readAuxvPageSize(): number | null {
  return parseAuxvPageSize(readFileSync(`${PROC}/self/auxv`), endianness() === 'LE');
}

function readSmapsPageSize(): number | null {
  const head = Buffer.alloc(SMAPS_HEAD_BYTES);
  const fd = openSync(`${PROC}/self/smaps`, 'r');
  try {
    return parseKernelPageSize(head.toString('latin1', 0, readSync(fd, head, 0, head.length, 0)));
  } finally {
    closeSync(fd);
  }
}

/**
 * The kernel's page size (the unit of RSS in /proc), or null where /proc does not say: from our
 * own auxiliary vector, a read of a few hundred bytes, else from the head of our smaps. Never a
 * `getconf` child: this runs while a command starts, and a synchronous child would block the
 * supervisor's event loop (npm run bench: launch → first line). Null (no /proc, or neither file
 * readable) rules the /proc path out (process-path.ts).
 */
export function readPageSize(): number | null {
  if (pageSizeBytes === undefined) {
    pageSizeBytes = null;
    for (const read of [readAuxvPageSize, readSmapsPageSize]) {
      try {
        pageSizeBytes = read();
      } catch {
        // not there, or not readable
      }
      if (pageSizeBytes !== null) break;
    }
  }
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

/**
 * One consistent snapshot of every process from /proc (Linux): a single pass gives parents, groups
 * and RSS together. The last check of a stopping tree's groups on the /proc path, and what `run`
 * reads of the processes a killed run left. Throws where /proc cannot be read (the portable path
 * lists processes with `ps` instead, asynchronously: ps-listing.ts).
 */
export function readProcessTable(): ProcessTable {
  const pageSize = readPageSize();
  if (pageSize === null) throw new Error(`${PROC} does not say the page size`);
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
