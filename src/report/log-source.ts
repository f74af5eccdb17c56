// A process's log as the page reads it, without holding it: `<name>.log`, or while the process runs
// its two segments `.<name>.log.prev` and `.<name>.log.tmp` read as one. The page embeds the end of
// it; `findTailStart` finds where that end begins, scanning back chunk by chunk, so that what is
// embedded (escaped, control characters as their pictures) fits a byte allotment.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

/** What the page reads at a time: its memory while writing a log is a few of these. */
export const CHUNK_BYTES = 64 * 1024;

export interface LogSource {
  size: number;
  /** fills `buf` from `pos` (across segments); resolves to the bytes read */
  read(buf: Buffer, pos: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The segments, read with synchronous calls behind the promises: each read comes from the page
 * cache in microseconds, where a round trip through libuv's pool costs far more on a busy machine
 * (the page is written on the way to the supervisor's exit code); the reads are a chunk at a time,
 * so none holds the event loop long.
 */
function openSegments(files: readonly string[]): Promise<LogSource | null> {
  const opened: Array<{ fd: number; size: number }> = [];
  for (const file of files) {
    try {
      const fd = openSync(file, 'r');
      opened.push({ fd, size: fstatSync(fd).size });
    } catch {
      // a segment not there
    }
  }
  if (opened.length === 0) return Promise.resolve(null);
  return Promise.resolve({
    size: opened.reduce((sum, f) => sum + f.size, 0),
    read(buf, pos) {
      let at = 0;
      let skip = pos;
      for (const f of opened) {
        if (at >= buf.length) break;
        if (skip >= f.size) {
          skip -= f.size;
          continue;
        }
        for (let p = skip; p < f.size && at < buf.length;) {
          const bytesRead = readSync(f.fd, buf, at, Math.min(f.size - p, buf.length - at), p);
          if (bytesRead === 0) break;
          p += bytesRead;
          at += bytesRead;
        }
        skip = 0;
      }
      return Promise.resolve(at);
    },
    close() {
      for (const f of opened) closeSync(f.fd);
      return Promise.resolve();
    },
  });
}

/** The log of file base `base` in `dir`, or null when there is none. */
export async function openLogSource(dir: string, base: string): Promise<LogSource | null> {
  return (
    (await openSegments([path.join(dir, `${base}.log`)])) ??
    (await openSegments([path.join(dir, `.${base}.log.prev`), path.join(dir, `.${base}.log.tmp`)]))
  );
}

/** The most bytes one log byte becomes in the page: an escaped character, a control character's picture. */
export function toPageWeight(byte: number): number {
  if (byte === 0x22) return 6; // &quot;
  if (byte === 0x26 || byte === 0x27) return 5; // &amp; &#39;
  if (byte === 0x3c || byte === 0x3e) return 4; // &lt; &gt;
  if ((byte < 0x20 && byte !== 0x0a && byte !== 0x09) || byte === 0x7f) return 3; // ␀ …
  return 1;
}

export interface TailRange {
  start: number;
  end: number;
  /** lines in [start, end) */
  lines: number;
}

/**
 * Where the end of [0, end) that fits `allot` page bytes (and at most `maxLines` lines) begins:
 * whole lines when it is cut (one line longer than the allotment: its end, from a character's start).
 */
export async function findTailStart(
  src: LogSource,
  end: number,
  allot: number,
  maxLines = Infinity,
): Promise<TailRange> {
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, end)));
  let total = 0;
  let newlines = 0;
  let firstNewline = -1;
  for (let chunkEnd = end; chunkEnd > 0;) {
    const from = Math.max(0, chunkEnd - buf.length);
    const n = await src.read(buf.subarray(0, chunkEnd - from), from);
    for (let i = from + n - 1; i >= from; i -= 1) {
      const byte = buf[i - from] ?? 0;
      const weight = toPageWeight(byte);
      const overLines = byte === 0x0a && newlines + 1 >= maxLines;
      if (total + weight > allot || overLines) {
        if (byte === 0x0a) return { start: i + 1, end, lines: newlines + (i + 1 < end ? 1 : 0) };
        if (firstNewline >= 0) return { start: firstNewline + 1, end, lines: newlines };
        let start = i + 1;
        // not inside a character
        while (start < from + n && start < end && ((buf[start - from] ?? 0) & 0xc0) === 0x80) start += 1;
        return { start, end, lines: start < end ? 1 : 0 };
      }
      total += weight;
      if (byte === 0x0a) {
        newlines += 1;
        firstNewline = i;
      }
    }
    if (n < chunkEnd - from) break; // the file shrank: take what was read
    chunkEnd = from;
  }
  return { start: 0, end, lines: end > 0 ? newlines + 1 : 0 };
}

/** The end of the text to embed: a final newline (or CRLF) is not a line of its own. */
export async function toTextEnd(src: LogSource): Promise<number> {
  if (src.size === 0) return 0;
  const last = Buffer.alloc(Math.min(2, src.size));
  const n = await src.read(last, src.size - last.length);
  if (n < last.length || last[last.length - 1] !== 0x0a) return src.size;
  return last.length === 2 && last[0] === 0x0d ? src.size - 2 : src.size - 1;
}
