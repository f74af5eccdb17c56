// Reading /proc files through descriptors held open: a pread at offset 0 asks the kernel again.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * /proc files are seq_files: one read returns at most one kernel page (4 KiB or more), ending at a
 * whole record, even when more was asked for. A read shorter than half of the smallest page
 * therefore reached the end: no record here (a pid, a stat line) is anywhere near 2 KiB long.
 */
const SEQ_FILE_COMPLETE_BELOW = 2048;
const MIN_READ_BYTES = 4096;
let buffer = Buffer.alloc(2 * MIN_READ_BYTES);
/** how many bytes of `buffer` the last read filled */
let procBufferLength = 0;

/**
 * Reads the whole file behind `fd` from offset 0 into the shared `buffer`, growing it for long
 * files (a children file of ~1,000 children); returns how many bytes were read, valid until the
 * next read. Short files, the usual case, take one pread and allocate nothing.
 */
export function preadAll(fd: number): number {
  let length = 0;
  for (;;) {
    // ask for at least a page each time: a read cut short by our own buffer is not the end
    if (buffer.length - length < MIN_READ_BYTES) {
      const grown = Buffer.alloc(buffer.length * 2);
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, length);
    length += n;
    if (n < SEQ_FILE_COMPLETE_BELOW) return (procBufferLength = length);
  }
}

export function readFileOnce(file: string): number {
  const fd = openSync(file, 'r');
  try {
    return preadAll(fd);
  } finally {
    closeSync(fd);
  }
}

/** The buffer the last read went into (it grows: ask again after each read). */
export function procBuffer(): Buffer {
  return buffer;
}

/** Reads the file behind `fd`: whether it says what `last` kept of an earlier read. Allocates nothing. */
export function isUnchanged(fd: number, last: Buffer | null): boolean {
  const length = preadAll(fd);
  return last !== null && last.length === length && buffer.compare(last, 0, length, 0, length) === 0;
}

/**
 * Reads the file behind `fd` and says whether it differs from what `held.last` kept of the last
 * read (true the first time); keeps the new text when it does.
 */
export function hasChanged(fd: number, held: { last: Buffer | null }): boolean {
  if (isUnchanged(fd, held.last)) return false;
  held.last = Buffer.from(buffer.subarray(0, procBufferLength));
  return true;
}
