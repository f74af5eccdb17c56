import { type OutputFeeder } from './line-output.js';

/** Where a feeder takes its child's output from. */
export interface ChunkSource {
  /** the next chunk read (null: none now) */
  read(): Buffer | null;
  /** the feeder is done with `chunk`: every byte of it has been copied out */
  done(chunk: Buffer): void;
}

/**
 * The only child on its stream: its bytes as they come, copied into the sink's buffer (so that
 * each chunk is done with at once, however long the stream takes to accept the copy).
 */
export function createRawFeeder(source: ChunkSource): OutputFeeder {
  let chunk: Buffer | null = null;
  let at = 0;
  return {
    next(out) {
      if (chunk === null) {
        chunk = source.read();
        at = 0;
        if (chunk === null) return null;
      }
      const n = chunk.copy(out, 0, at);
      at += n;
      if (at >= chunk.length) {
        source.done(chunk);
        chunk = null;
      }
      return out.subarray(0, n);
    },
  };
}
