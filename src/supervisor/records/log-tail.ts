// A bounded log is kept as two segments (write-records.ts): the tail is the end of the two together.
// Only the bytes that are kept are read: a whole log of a long local run is never loaded at once.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The most of one log that is uploaded: the largest log_tail there is (its last bytes). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

function openPart(part: string): { fd: number; size: number } | null {
  try {
    const fd = openSync(part, 'r');
    return { fd, size: fstatSync(fd).size };
  } catch {
    return null; // a segment not written yet
  }
}

/** The last `tailBytes` (at most MAX_BODY_BYTES) of the segments, in order; a missing segment is empty. */
export function readLogTail(parts: readonly string[], tailBytes: number | null): Buffer {
  const opened = parts.map(openPart);
  try {
    const total = opened.reduce((sum, part) => sum + (part?.size ?? 0), 0);
    const limit = Math.min(tailBytes ?? MAX_BODY_BYTES, MAX_BODY_BYTES);
    let skip = Math.max(0, total - limit);
    const out = Buffer.alloc(total - skip);
    let at = 0;
    for (const part of opened) {
      if (part === null) continue;
      const from = Math.min(skip, part.size);
      skip -= from;
      // a segment that grew since its size was taken: read what was there then
      for (let position = from; position < part.size && at < out.length;) {
        const n = readSync(part.fd, out, at, Math.min(part.size - position, out.length - at), position);
        if (n === 0) break;
        position += n;
        at += n;
      }
    }
    return at === out.length ? out : out.subarray(0, at);
  } finally {
    for (const part of opened) if (part !== null) closeSync(part.fd);
  }
}
