// Masks secrets in a stream of writes (a process's output, as its log is written): a secret split
// across writes is masked whole, because the end of a write that could be the start of a secret
// is held back until the next write tells (at most one secret's length; usually nothing, since a
// write mostly ends a line). What comes out is never altered otherwise, and the input is never
// written to: the same chunks go to the terminal unaltered.
import type { SecretMatcher } from './secret-matcher.js';

const MASK = 0x58; // 'X'
const EMPTY = Buffer.alloc(0);

export interface CensorStream {
  write(bytes: Buffer): void;
  /** writes what was held back (a secret's start that never went on is masked) */
  end(): void;
}

/** `matcher()`: the secrets as they are known now (a run learns more as its commands start). */
export function createCensorStream(
  matcher: () => SecretMatcher,
  write: (bytes: Buffer) => void,
  maskEnd: (bytes: Buffer) => Buffer,
): CensorStream {
  let held = EMPTY;
  return {
    write(chunk) {
      const now = matcher();
      if (now.secrets.length === 0 && held.length === 0) return write(chunk);
      let bytes = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const ranges = now.find(bytes);
      if (ranges.length > 0) {
        if (bytes === chunk) bytes = Buffer.from(chunk); // a copy: the caller's chunk stays as it is
        for (const [start, end] of ranges) bytes.fill(MASK, start, end);
      }
      const hold = now.pendingAtEnd(bytes);
      held = hold === 0 ? EMPTY : Buffer.from(bytes.subarray(bytes.length - hold));
      if (bytes.length > hold) write(hold === 0 ? bytes : bytes.subarray(0, bytes.length - hold));
    },
    end() {
      if (held.length === 0) return;
      const rest = maskEnd(held);
      held = EMPTY;
      write(rest);
    },
  };
}
