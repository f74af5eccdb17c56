import type { Writable } from 'node:stream';

/** A line longer than this many bytes is cut and emitted in pieces, so one line can never grow memory. */
export const MAX_LINE_BYTES = 64 * 1024;
/** The sink's one output buffer: always holds a piece of a line with its prefix (see OutputFeeder). */
export const OUTPUT_BUFFER_BYTES = 2 * MAX_LINE_BYTES;

const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

/** One child's stream as the sink takes it: what it read, turned into output one piece at a time. */
export interface OutputFeeder {
  /**
   * Its next piece of output: bytes it wrote into `out` (a view of it), or bytes of its own; null
   * when it has nothing more for now (once `ended`: nothing more at all). A piece holds whole
   * lines only, so that the lines of children sharing a stream never interleave.
   */
  next(out: Buffer, ended: boolean): Uint8Array | null;
}

/** A feeder attached to a sink. */
export interface FeederSlot {
  /** it may have more: new data to read */
  wake: () => void;
  /** its source has ended: resolves once its last piece has been handed to the stream */
  end: () => Promise<void>;
}

/**
 * One output stream shared by many children and the supervisor's own log. Bytes go through
 * unaltered. The sink remembers whether the stream is mid-line, so the supervisor's own lines
 * always start on a line of their own.
 */
export interface SharedSink {
  /** Takes `feeder`'s output in turn with the other feeders' (round robin, a piece each). */
  attach(feeder: OutputFeeder): FeederSlot;
  /** Writes one of the supervisor's own lines (ending in "\n"), on a line of its own. */
  writeLine(text: string): void;
  /** Ends the line a child left open (its output ended mid-line), if the stream is mid-line. */
  endLine(): void;
}

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
 * the stream is read, the sink holds one output buffer, and each child at most the chunk its
 * pipe's stream was last asked for (plus, prefixed, the bytes of its unfinished line).
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
      const wake = (): void => {
        if (slot.queued) return;
        slot.queued = true;
        ready.push(slot);
        pump();
      };
      return {
        wake,
        end() {
          slot.ended = true;
          wake();
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
