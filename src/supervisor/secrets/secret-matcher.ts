// Finds secrets in bytes: every occurrence of every secret (they may overlap: all of them are
// masked), a piece of one that the edges of the bytes cut, and a secret's start still being written.
// It runs on every byte a recorded process writes, so its cost must not grow with the number of
// secrets (a binding brings a dozen credentials, each in several forms): secrets of at least
// LONG_SECRET_BYTES are found in one Wu–Manber pass (a window the length of the shortest of them
// moves on by the shift its last two bytes allow, and only a window that ends like a secret is
// compared); shorter ones (a port, a PIN) with one Buffer#indexOf each. Measured on this machine
// (Node.js 24, 25 MB of log lines in 64 KiB chunks): one indexOf per secret ~1.2 GB/s for 4 secrets
// but ~120 MB/s for 40; the pass 0.5–1.8 GB/s for 6 to 600 secrets.

/** Every secret is at least this long. */
export const MIN_SECRET_BYTES = 4;
/** Secrets this long or longer are found in the one pass; shorter ones one by one. */
const LONG_SECRET_BYTES = 8;
/** A piece cut by an edge is masked when at least this much of a secret is there. */
const MIN_PIECE_BYTES = 3;
const MAX_SHIFT = 255;

export interface SecretMatcher {
  readonly secrets: readonly Buffer[];
  /** [start, end) of every occurrence */
  find(bytes: Buffer): Array<[number, number]>;
  /** the length of the longest start of a secret that `bytes` begins with the rest of (a cut-off end) */
  cutAtStart(bytes: Buffer): number;
  /** the length of the longest end of `bytes` that starts a secret (one still being written) */
  pendingAtEnd(bytes: Buffer, minBytes?: number): number;
}

/** The one pass over `long` secrets (each ≥ 2 bytes): Wu–Manber with blocks of two bytes. */
function createLongFinder(long: readonly Buffer[]): (bytes: Buffer, into: Array<[number, number]>) => void {
  if (long.length === 0) return () => undefined;
  const window = Math.min(...long.map((secret) => secret.length));
  const shifts = new Uint8Array(65_536).fill(Math.min(MAX_SHIFT, window - 1));
  const endingWith = new Map<number, Buffer[]>();
  for (const secret of long) {
    for (let at = 0; at + 2 <= window; at++) {
      const block = ((secret[at] ?? 0) << 8) | (secret[at + 1] ?? 0);
      const shift = window - 2 - at;
      if (shift < (shifts[block] ?? 0)) shifts[block] = shift;
      if (shift === 0) endingWith.set(block, [...(endingWith.get(block) ?? []), secret]);
    }
  }
  return (bytes, into) => {
    for (let end = window - 1; end < bytes.length;) {
      const block = ((bytes[end - 1] ?? 0) << 8) | (bytes[end] ?? 0);
      const shift = shifts[block] ?? 0;
      if (shift > 0) {
        end += shift;
        continue;
      }
      const start = end - window + 1;
      for (const secret of endingWith.get(block) ?? []) {
        const stop = start + secret.length;
        if (stop <= bytes.length && bytes.compare(secret, 0, secret.length, start, stop) === 0)
          into.push([start, stop]);
      }
      end += 1;
    }
  };
}

export function createSecretMatcher(secrets: readonly Buffer[]): SecretMatcher {
  const usable = secrets.filter((secret) => secret.length >= MIN_SECRET_BYTES);
  const short = usable.filter((secret) => secret.length < LONG_SECRET_BYTES);
  const findLong = createLongFinder(usable.filter((secret) => secret.length >= LONG_SECRET_BYTES));
  const find = (bytes: Buffer): Array<[number, number]> => {
    const ranges: Array<[number, number]> = [];
    findLong(bytes, ranges);
    for (const secret of short)
      for (let at = bytes.indexOf(secret); at >= 0; at = bytes.indexOf(secret, at + 1))
        ranges.push([at, at + secret.length]);
    return ranges;
  };

  return {
    secrets: usable,
    find,
    cutAtStart(bytes) {
      let longest = 0;
      for (const secret of usable) {
        for (let k = Math.min(secret.length - 1, bytes.length); k >= MIN_PIECE_BYTES && k > longest; k--) {
          if (bytes.compare(secret, secret.length - k, secret.length, 0, k) === 0) {
            longest = k;
            break;
          }
        }
      }
      return longest;
    },
    pendingAtEnd(bytes, minBytes = 1) {
      let longest = 0;
      for (const secret of usable) {
        const first = secret[0] ?? 0;
        const from = Math.max(0, bytes.length - secret.length + 1);
        // the earliest start found is the longest piece of this secret
        for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
          const k = bytes.length - at;
          if (k <= longest || k < minBytes) break;
          if (bytes.compare(secret, 0, k, at, bytes.length) === 0) {
            longest = k;
            break;
          }
        }
      }
      return longest;
    },
  };
}
