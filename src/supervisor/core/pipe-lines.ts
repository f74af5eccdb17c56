import type { Readable } from 'node:stream';

import type { SharedSink } from './line-output.js';
import { createPrefixedFeeder } from './prefixed-feeder.js';
import { type ChunkSource, createRawFeeder } from './raw-feeder.js';
import { createReadPace } from './read-pace.js';
import { releaseChunk } from './release-chunk.js';

/**
 * Copies `source` to `sink`: with a prefix, line by line (whole lines only, so lines of different
 * children never interleave; a line longer than MAX_LINE_BYTES in pieces cut between characters;
 * an unterminated last line ended at the end of the output); without one, as it comes (the only
 * child on its stream). Every byte arrives unaltered and in order. `record` gets every chunk as it
 * is taken, before it is written (the run record's log). With `release`, each chunk's memory is
 * freed as soon as it has been copied out (releaseChunk): only for a source whose chunks nothing
 * else holds, a child's pipe; `record` must then copy what it keeps. Resolves when the source has
 * ended and all of it has been handed to the stream.
 *
 * The source is read (paused mode: 'readable', then read()) only when the sink takes more, and
 * its pipe is asked for more only with one of the sink's read turns (read-turns.ts), so a slow
 * reader of the sink's stream leaves the children's output in their pipes (they block in
 * write()), not in our memory. A stream whose highWaterMark is 0 (spawnCommand's) reads no further
 * ahead than the chunk last asked for, and so gives one chunk per read() (one holding more would
 * join them into a new buffer). While a child floods in small writes, the pipe is asked again only
 * after a moment (read-pace.ts), so that its writes come in fewer, larger chunks.
 */
export function pipeLines(
  source: Readable,
  sink: SharedSink,
  prefix: string,
  opts: { record?: ((bytes: Buffer) => void) | undefined; release?: boolean } = {},
): Promise<void> {
  const { record, release = false } = opts;
  const pace = createReadPace();
  const chunks: ChunkSource = {
    read() {
      // nothing read yet: asking the pipe reads a chunk, which waits here until the sink takes it
      const asking = source.readableLength === 0 && !source.readableEnded;
      if (asking) {
        if (!slot.mayAsk()) return null;
        pace.beforeAsk();
      }
      const chunk = source.read() as Buffer | null;
      if (chunk === null) {
        if (asking) pace.asked();
        return null;
      }
      slot.got();
      pace.got(chunk.length);
      record?.(chunk);
      return chunk;
    },
    done: release ? releaseChunk : () => undefined,
  };
  const feeder = prefix === '' ? createRawFeeder(chunks) : createPrefixedFeeder(chunks, prefix);
  const slot = sink.attach(feeder);
  source.on('readable', slot.wake);
  return new Promise((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      void slot.end().then(() => {
        if (prefix === '') sink.endLine();
        resolve();
      });
    };
    source.once('end', finish);
    source.once('error', finish);
    // destroyed before its end (ChildHandle.closeOutput): what was read is still written out
    source.once('close', finish);
  });
}
