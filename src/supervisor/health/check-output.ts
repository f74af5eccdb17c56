// The end of an exec check's output, for the detail of a failed check (`health.failed` in the
// events and `sidecars status --follow`): kept as bytes, so that a character split between two
// reads is whole again, and cut between characters, never inside one.

export interface CheckOutput {
  /** keeps the end of the output: at most the last `keptBytes` */
  keep(chunk: Buffer): void;
  /** its last non-empty line, at most `maxChars` UTF-16 units of it (never half a surrogate pair) */
  lastLine(maxChars: number): string;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;
const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
/** continuation bytes after a character's first: at most 3 */
const MAX_CONTINUATION_BYTES = 3;

export function createCheckOutput(keptBytes: number): CheckOutput {
  let kept = Buffer.alloc(0);
  return {
    keep(chunk) {
      const all = kept.length === 0 ? chunk : Buffer.concat([kept, chunk]);
      kept = Buffer.from(all.subarray(Math.max(0, all.length - keptBytes)));
    },
    lastLine(maxChars) {
      // what is kept may begin inside a character: from the next one
      let start = 0;
      while (start < MAX_CONTINUATION_BYTES && isContinuation(kept[start])) start++;
      const line = kept.toString('utf8', start).trim().split('\n').at(-1) ?? '';
      if (line.length <= maxChars) return line;
      return line.slice(0, isHighSurrogate(line.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars);
    },
  };
}
