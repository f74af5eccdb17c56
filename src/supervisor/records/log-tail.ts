// A bounded log is kept as two segments (write-records.ts): the tail is the end of the two together.
import { readFileSync } from 'node:fs';

/** The last `tailBytes` of the segments, in order (a missing segment is empty). */
export function readLogTail(parts: readonly string[], tailBytes: number | null): Buffer {
  const whole = Buffer.concat(
    parts.map((part) => {
      try {
        return readFileSync(part);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );
  return tailBytes === null || whole.length <= tailBytes ? whole : whole.subarray(whole.length - tailBytes);
}
