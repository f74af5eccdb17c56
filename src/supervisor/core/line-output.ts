import type { Writable } from 'node:stream';

import type { FeederSlot, OutputFeeder, SharedSink } from '../model/output-route.js';
import { createReadTurns } from './read-turns.js';

export type { FeederSlot, OutputFeeder, SharedSink };

/** A line longer than this many bytes is cut and emitted in pieces, so one line can never grow memory. */
export const MAX_LINE_BYTES = 64 * 1024;
/** The sink's one output buffer: always holds a piece of a line with its prefix (see OutputFeeder). */
export const OUTPUT_BUFFER_BYTES = 2 * MAX_LINE_BYTES;

const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

interface Slot {
  feeder: OutputFeeder;
  queued: boolean;
  ended: boolean;
  finished: () => void;
}

const sinks = new WeakMap<Writable, SharedSink>();

/**
 * The one sink of `stream`, created on first use: two sinks on one stream could not tell mid-line.
 * Backpressure: one write at a time. While the stream has not taken a piece (a pipe whose reader is
 * slow), the sink reads nothing more from any child: their output waits in their own pipes, and
 * they block in write() once those are full. So however fast children write and however slowly
 * the stream is read, the sink holds one output buffer, the chunks of the few pipes it has asked
 * for more (read-turns.ts; at the start, each child's first), and, prefixed, the bytes of each
 * child's unfinished line.
 */
export function createSharedSink(stream: Writable): SharedSink {
  const existing = sinks.get(stream);
  if (existing !== undefined) return existing;
  const ready: Slot[] = [];
  let out: Buffer | null = null;
  let busy = false;
  let pumping = false;
  let writes = 0;
  let midLine = false;
  // a reader that went away (EPIPE) must not crash the supervisor or block the children: their
  // output is still read (and recorded) and dropped from then on
  let broken = false;
  const isOpen = (): boolean => !broken && !stream.destroyed && stream.writable;

  const writeOut = (bytes: Uint8Array): void => {
    midLine = bytes[bytes.length - 1] !== NEWLINE;
    const id = ++writes;
    busy = true;
    stream.write(bytes, () => {
      if (id !== writes || !busy) return; // a later write holds the stream now
      busy = false;
      pump();
    });
    // taken at once (a file, /dev/null, a pipe with room): the buffer is free again
    if (stream.writableLength === 0) busy = false;
  };

  const pump = (): void => {
    if (pumping) return;
    pumping = true;
    try {
      while (!busy || !isOpen()) {
        const slot = ready.shift();
        if (slot === undefined) break;
        slot.queued = false;
        out ??= Buffer.allocUnsafeSlow(OUTPUT_BUFFER_BYTES);
        const bytes = slot.feeder.next(out, slot.ended);
        if (bytes === null) {
          if (slot.ended) slot.finished();
          continue;
        }
        // in turn with the others: it may have more
        slot.queued = true;
        ready.push(slot);
        if (bytes.length > 0 && isOpen()) writeOut(bytes);
      }
    } finally {
      pumping = false;
    }
  };

  const enqueue = (slot: Slot): void => {
    if (slot.queued) return;
    slot.queued = true;
    ready.push(slot);
    pump();
  };
  const turns = createReadTurns<Slot>(enqueue);

  stream.on('error', () => {
    broken = true;
    busy = false;
    pump();
  });

  const sink: SharedSink = {
    attach(feeder) {
      let resolveEnd: () => void = () => undefined;
      const ended = new Promise<void>((resolve) => (resolveEnd = resolve));
      const slot: Slot = { feeder, queued: false, ended: false, finished: () => resolveEnd() };
      return {
        wake: () => enqueue(slot),
        mayAsk: () => turns.ask(slot),
        got: () => turns.release(slot),
        end() {
          slot.ended = true;
          turns.release(slot);
          enqueue(slot);
          return ended;
        },
      };
    },
    writeLine(text) {
      if (!isOpen()) return;
      stream.write(midLine ? `\n${text}` : text);
      midLine = !text.endsWith('\n');
    },
    endLine() {
      if (!midLine || !isOpen()) return;
      midLine = false;
      stream.write(NEWLINE_BYTES);
    },
  };
  sinks.set(stream, sink);
  return sink;
}
