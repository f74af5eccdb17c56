// A range of a log → the page's HTML, chunk by chunk: masked (a secret split across chunks
// included: the censor's stream holds back a possible secret's start), decoded (a character split
// across chunks included), terminal escapes dropped and control characters made visible (an escape
// or a CRLF split across chunks included), HTML-escaped. Memory: a few chunks, whatever the range.
import type { Censor } from '../supervisor/secrets/censor.js';
import { CHUNK_BYTES, type LogSource } from './log-source.js';
import { escapeHtml } from './page-text.js';
import { toVisibleText } from './read-log.js';

/** An unfinished terminal escape is at most this long: a longer one is shown as text. */
const ESCAPE_HOLD = 64;

/** Text pieces → visible text, holding back what the next piece may change (a lone \r, an escape's start). */
export function createVisibleText(): { push(text: string): string; end(): string } {
  let held = '';
  return {
    push(text) {
      const all = held + text;
      let cut = all.length;
      const esc = all.lastIndexOf('\x1b');
      // eslint-disable-next-line no-control-regex -- a complete escape needs no holding
      if (esc >= 0 && all.length - esc < ESCAPE_HOLD && !/^\x1b\[[0-?]*[ -/]*[@-~]/.test(all.slice(esc)))
        cut = esc;
      if (cut === all.length && all.endsWith('\r')) cut -= 1;
      held = all.slice(cut);
      return toVisibleText(all.slice(0, cut));
    },
    end() {
      const rest = held;
      held = '';
      return toVisibleText(rest);
    },
  };
}

/**
 * Writes [start, end) of `src` as page HTML through `write`; `cut`: the range begins inside the log
 * (a piece of a secret cut there is masked too).
 */
export async function streamLogHtml(
  src: LogSource,
  range: { start: number; end: number },
  censor: Censor,
  write: (html: string) => Promise<void>,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const visible = createVisibleText();
  const pending: string[] = [];
  const masked = censor.stream((bytes) => {
    const text = visible.push(decoder.decode(bytes, { stream: true }));
    if (text !== '') pending.push(escapeHtml(text));
  });
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, range.end - range.start)));
  let first = true;
  for (let pos = range.start; pos < range.end;) {
    const n = await src.read(buf.subarray(0, Math.min(buf.length, range.end - pos)), pos);
    if (n === 0) break;
    const chunk = Buffer.from(buf.subarray(0, n)); // the stream may hold on to it
    masked.write(first && range.start > 0 ? censor.bytes(chunk, { start: true, end: false }) : chunk);
    first = false;
    pos += n;
    while (pending.length > 0) await write(pending.shift() ?? '');
  }
  masked.end();
  const rest = visible.push(decoder.decode()) + visible.end();
  if (rest !== '') pending.push(escapeHtml(rest));
  while (pending.length > 0) await write(pending.shift() ?? '');
}

/** [start, end) of `src` as page HTML, in one string (a bounded range: the last lines). */
export async function readLogHtml(
  src: LogSource,
  range: { start: number; end: number },
  censor: Censor,
): Promise<string> {
  const parts: string[] = [];
  await streamLogHtml(src, range, censor, (html) => {
    parts.push(html);
    return Promise.resolve();
  });
  return parts.join('');
}
