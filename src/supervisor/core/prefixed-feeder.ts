// One child's output with a prefix before each of its lines (`[name] ` in exec, the platform's
// source tag in run), for a stream it shares with others: whole lines only, a line longer than
// MAX_LINE_BYTES in pieces cut between two characters, every byte unaltered and in order.
import { SidecarError } from '../../common/errors.js';
import { MAX_LINE_BYTES, OUTPUT_BUFFER_BYTES, type OutputFeeder } from './line-output.js';
import type { ChunkSource } from './raw-feeder.js';
import { releaseChunk } from './release-chunk.js';
import { toCharBoundary } from './utf8-boundary.js';

const NEWLINE = 0x0a;
/** The first buffer for the bytes of an unfinished line; it doubles as a longer one needs. */
const MIN_CARRY_BYTES = 256;
/** A buffer this large is let go once its line is done (or cut): a long line must not hold it for good. */
const KEEP_CARRY_BYTES = 8 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Takes the chunks `source` reads and writes them out prefixed, a piece at a time, into the sink's
 * buffer. Between chunks it holds only the bytes of a line not yet ended, fewer than MAX_LINE_BYTES.
 */
export function createPrefixedFeeder(source: ChunkSource, prefixText: string): OutputFeeder {
  const prefixBytes = Buffer.from(prefixText);
  if (prefixBytes.length + MAX_LINE_BYTES + 1 > OUTPUT_BUFFER_BYTES) {
    throw new SidecarError('invariant', `a line prefix of ${prefixBytes.length} bytes is too long`);
  }
  const prefixAfterNewline = `\n${prefixBytes.toString('latin1')}`;
  let chunk: Buffer | null = null;
  let at = 0;
  let carry = EMPTY;
  let carried = 0;

  const keep = (from: Buffer, start: number, length: number): void => {
    const need = carried + length;
    if (need > carry.length) {
      let size = Math.max(MIN_CARRY_BYTES, carry.length);
      while (size < need) size *= 2;
      const grown = Buffer.allocUnsafeSlow(Math.min(size, MAX_LINE_BYTES + 1));
      carry.copy(grown, 0, 0, carried);
      releaseChunk(carry);
      carry = grown;
    }
    from.copy(carry, carried, start, start + length);
    carried = need;
  };

  /** Drops the first `length` carried bytes; a large buffer left with a few bytes is let go. */
  const drop = (length: number): void => {
    carried -= length;
    if (carry.length > KEEP_CARRY_BYTES && carried <= MIN_CARRY_BYTES) {
      const rest = carried === 0 ? EMPTY : Buffer.allocUnsafeSlow(MIN_CARRY_BYTES);
      carry.copy(rest, 0, length, length + carried);
      releaseChunk(carry);
      carry = rest;
    } else {
      carry.copyWithin(0, length, length + carried);
    }
  };

  /** The first `length` carried bytes as a line of their own. */
  const emitCarried = (out: Buffer, length: number): Buffer => {
    let n = prefixBytes.copy(out, 0);
    n += carry.copy(out, n, 0, length);
    out[n++] = NEWLINE;
    drop(length);
    return out.subarray(0, n);
  };

  /**
   * The prefix, the carried bytes and the lines of `from` up to a newline at or after `newline`:
   * never more than MAX_LINE_BYTES of `from` at once, so every line but the first (checked) fits
   * a piece. The bytes of `from` are carried as a latin1 string (one char per byte, so any byte
   * round-trips unaltered) to put the prefix after each newline but the last with one native
   * replaceAll, where a loop over lines in JavaScript is 5× slower on the supervisor's capped V8
   * tiers (npm run bench); the rest is copied as bytes, and no string is built that is not needed.
   */
  const emitLines = (out: Buffer, from: Buffer, newline: number): Buffer => {
    let last = Math.max(newline, from.lastIndexOf(NEWLINE, Math.min(from.length, at + MAX_LINE_BYTES) - 1));
    for (;;) {
      const rest = from.toString('latin1', at, last).replaceAll('\n', prefixAfterNewline);
      if (prefixBytes.length + carried + rest.length + 1 <= out.length) {
        let n = prefixBytes.copy(out, 0);
        n += carry.copy(out, n, 0, carried);
        n += out.write(rest, n, 'latin1');
        out[n++] = NEWLINE;
        at = last + 1;
        drop(carried);
        return out.subarray(0, n);
      }
      // more lines than the buffer holds once prefixed: half the bytes (one line always fits)
      if (last === newline)
        throw new SidecarError('invariant', 'a prefixed line does not fit the output buffer');
      last = Math.max(newline, from.lastIndexOf(NEWLINE, at + Math.floor((last - at) / 2)));
    }
  };

  /** The next piece taken from `from`, if it has one (else its bytes are carried). */
  const take = (out: Buffer, from: Buffer): Buffer | null => {
    const newline = from.indexOf(NEWLINE, at);
    if (newline >= 0 && carried + newline - at <= MAX_LINE_BYTES) return emitLines(out, from, newline);
    // its line goes on past this chunk, or past a piece: carry its bytes, up to one more than a
    // piece where the chunk has it (the byte after the cut tells a character that goes on)
    const length = Math.min(from.length - at, MAX_LINE_BYTES + 1 - carried);
    keep(from, at, length);
    at += length;
    if (carried < MAX_LINE_BYTES) return null;
    // a piece's worth, cut now rather than held for the next read: a line of exactly
    // MAX_LINE_BYTES whose newline comes in a later read is followed by an empty one
    return emitCarried(out, toCharBoundary(carry.subarray(0, carried), MAX_LINE_BYTES));
  };

  return {
    next(out, ended) {
      for (;;) {
        if (chunk === null) {
          chunk = source.read();
          at = 0;
          // the last line, left unterminated: ended here
          if (chunk === null) return ended && carried > 0 ? emitCarried(out, carried) : null;
        }
        const piece = take(out, chunk);
        // done with as soon as every byte is out: not held while the sink waits for its stream
        if (at >= chunk.length) {
          source.done(chunk);
          chunk = null;
        }
        if (piece !== null) return piece;
      }
    },
  };
}
