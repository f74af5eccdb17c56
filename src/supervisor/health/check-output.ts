// The end of an exec check's output, for the detail of a failed check (`health.failed` in the
// events and `sidecars status --follow`): kept as bytes, so that a character split between two
// reads is whole again, and cut between characters, never inside one.

export interface CheckOutput {
  /** keeps the end of the output: at most the last `keptBytes` */
  keep(chunk: Buffer): void;
  /** its last non-empty line, at most `maxChars` UTF-16 units of it (never half a surrogate pair) */
  lastLine(maxChars: number): string;
  /** what is kept, decoded from its first whole character */
  text(): string;
  /** true once output was dropped from the start (what is kept began inside it) */
  readonly cut: boolean;
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;
const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
/** continuation bytes after a character's first: at most 3 */
const MAX_CONTINUATION_BYTES = 3;

export function createCheckOutput(keptBytes: number): CheckOutput {
  let kept = Buffer.alloc(0);
  let cut = false;
  const text = (): string => {
    // what is kept may begin inside a character: from the next one
    let start = 0;
    while (start < MAX_CONTINUATION_BYTES && isContinuation(kept[start])) start++;
    return kept.toString('utf8', start);
  };
  return {
    keep(chunk) {
      const all = kept.length === 0 ? chunk : Buffer.concat([kept, chunk]);
      if (all.length > keptBytes) cut = true;
      kept = Buffer.from(all.subarray(Math.max(0, all.length - keptBytes)));
    },
    text,
    get cut() {
      return cut;
    },
    lastLine(maxChars) {
      const line = text().trim().split('\n').at(-1) ?? '';
      if (line.length <= maxChars) return line;
      return line.slice(0, isHighSurrogate(line.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars);
    },
  };
}
