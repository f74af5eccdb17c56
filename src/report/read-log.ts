// A process's log tail for the page: the last bytes of `<name>.log` (or, while the process runs,
// of its two segments `.<name>.log.prev` and `.<name>.log.tmp`), masked, decoded whatever the bytes
// (invalid UTF-8 becomes U+FFFD), terminal escapes dropped and control characters made visible.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';

import type { Censor } from '../supervisor/secrets/censor.js';
import type { ReportLog } from './report-model.js';

function readTailOf(files: readonly string[], tailBytes: number): { bytes: Buffer; total: number } | null {
  const opened: Array<{ fd: number; size: number }> = [];
  try {
    for (const file of files) {
      try {
        const fd = openSync(file, 'r');
        opened.push({ fd, size: fstatSync(fd).size });
      } catch {
        // a segment not there
      }
    }
    if (opened.length === 0) return null;
    const total = opened.reduce((sum, f) => sum + f.size, 0);
    let skip = Math.max(0, total - tailBytes);
    const out = Buffer.alloc(total - skip);
    let at = 0;
    for (const f of opened) {
      const from = Math.min(skip, f.size);
      skip -= from;
      for (let pos = from; pos < f.size && at < out.length;) {
        const n = readSync(f.fd, out, at, Math.min(f.size - pos, out.length - at), pos);
        if (n === 0) break;
        pos += n;
        at += n;
      }
    }
    return { bytes: out.subarray(0, at), total };
  } finally {
    for (const f of opened) closeSync(f.fd);
  }
}

/** Text a browser shows as it is: no terminal escape runs, every other control character as its picture (␛, ␀). */
export function toVisibleText(text: string): string {
  /* eslint-disable no-control-regex -- control characters are what these find */
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // colours and cursor moves
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) =>
      String.fromCharCode(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)),
    );
  /* eslint-enable no-control-regex */
}

/** The tail of the log of file base `base` in `dir`, or null when there is none. */
export function readLogForPage(
  dir: string,
  base: string,
  tailBytes: number,
  censor: Censor,
): ReportLog | null {
  const whole = path.join(dir, `${base}.log`);
  const tail =
    readTailOf([whole], tailBytes) ??
    readTailOf([path.join(dir, `.${base}.log.prev`), path.join(dir, `.${base}.log.tmp`)], tailBytes);
  if (tail === null) return null;
  const cut = tail.bytes.length < tail.total;
  const masked = censor.bytes(Buffer.from(tail.bytes), { start: cut, end: true });
  let start = 0;
  if (cut) while (start < masked.length && start < 3 && ((masked[start] ?? 0) & 0xc0) === 0x80) start += 1;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(masked.subarray(start));
  return { text: toVisibleText(text), omittedBytes: tail.total - tail.bytes.length + start };
}
