import type { Readable, Writable } from 'node:stream';

import type { SharedSink } from '../model/output-route.js';

/** A line longer than this many bytes is cut and emitted in pieces, so one line can never grow memory. */
export const MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

const sinks = new WeakMap<Writable, SharedSink>();

/** The one sink of `stream`, created on first use: two sinks on one stream could not tell mid-line. */
export function createSharedSink(stream: Writable): SharedSink {
  const existing = sinks.get(stream);
  if (existing !== undefined) return existing;
  const paused = new Set<Readable>();
  let waiting = false;
  let midLine = false;
  const resumeAll = (): void => {
    waiting = false;
    for (const source of paused) source.resume();
    paused.clear();
  };
  // a reader that went away (EPIPE) must not crash the supervisor or block the children:
  // their output is dropped from then on
  let broken = false;
  stream.on('error', () => {
    broken = true;
    resumeAll();
  });
  const isOpen = (): boolean => !broken && !stream.destroyed && stream.writable;
  const sink: SharedSink = {
    write(bytes, source) {
      if (bytes.length === 0 || !isOpen()) return;
      const last = typeof bytes === 'string' ? bytes.charCodeAt(bytes.length - 1) : bytes[bytes.length - 1];
      midLine = last !== NEWLINE;
      if (typeof bytes === 'string' ? stream.write(bytes, 'latin1') : stream.write(bytes)) return;
      source.pause();
      paused.add(source);
      if (!waiting) {
        waiting = true;
        stream.once('drain', resumeAll);
      }
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

/**
 * `prefix` before each line of `block` (complete lines, each ending with a newline). Bytes are
 * carried as latin1 strings (one char per byte, so any byte round-trips unaltered): prefixing a
 * whole block is then one native replaceAll, where a loop over its lines in JavaScript is 5×
 * slower on the supervisor's capped V8 tiers (npm run bench).
 */
export function toPrefixedLines(block: string, prefix: string): string {
  return `${prefix}${block.slice(0, -1).replaceAll('\n', `\n${prefix}`)}\n`;
}

/**
 * Copies `source` to `sink`: with a prefix, line by line (whole lines only, so lines of different
 * children never interleave; a line longer than MAX_LINE_BYTES in pieces; an unterminated last
 * line ended at the end of the output); without one, as it comes (the only child on its stream).
 * Every byte arrives unaltered and in order. Resolves when the source ends.
 */
export function pipeLines(source: Readable, sink: SharedSink, prefix: string): Promise<void> {
  const flush =
    prefix === ''
      ? pipeRaw(source, sink)
      : pipePrefixed(source, sink, Buffer.from(prefix).toString('latin1'));
  return new Promise((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      flush();
      sink.endLine();
      resolve();
    };
    source.once('end', finish);
    source.once('error', finish);
    // destroyed before its end (ChildHandle.closeOutput): what was read is still written out
    source.once('close', finish);
  });
}

/** Copies chunks as they come; returns what to do at the end (nothing is held back). */
function pipeRaw(source: Readable, sink: SharedSink): () => void {
  source.on('data', (chunk: Buffer) => sink.write(chunk, source));
  return () => undefined;
}

/** Copies whole lines with `prefix`; returns the flush of a last line left unterminated. */
function pipePrefixed(source: Readable, sink: SharedSink, prefix: string): () => void {
  // bytes (latin1) of a line still to be completed; never MAX_LINE_BYTES or more
  let head = '';
  const cutLongLine = (): void => {
    while (head.length >= MAX_LINE_BYTES) {
      sink.write(toPrefixedLines(`${head.slice(0, MAX_LINE_BYTES)}\n`, prefix), source);
      head = head.slice(MAX_LINE_BYTES);
    }
  };
  source.on('data', (chunk: Buffer) => {
    const last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      head += chunk.toString('latin1');
      return cutLongLine();
    }
    sink.write(toPrefixedLines(head + chunk.toString('latin1', 0, last + 1), prefix), source);
    head = chunk.toString('latin1', last + 1);
    cutLongLine();
  });
  return () => {
    if (head !== '') sink.write(toPrefixedLines(`${head}\n`, prefix), source);
    head = '';
  };
}
