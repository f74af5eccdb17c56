import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** A line longer than this is cut and emitted in pieces, so one line can never grow memory. */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * One output stream shared by many children. Writes are whole lines only, so lines from different
 * children never interleave mid-line. When the stream is full every writer is paused until it
 * drains: a slow reader slows the children (their pipes fill), it never grows a buffer here.
 */
export interface SharedSink {
  write(text: string, source: Readable): void;
}

export function createSharedSink(stream: Writable): SharedSink {
  const paused = new Set<Readable>();
  let waiting = false;
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
  return {
    write(text, source) {
      if (broken || stream.write(text)) return;
      source.pause();
      paused.add(source);
      if (!waiting) {
        waiting = true;
        stream.once('drain', resumeAll);
      }
    },
  };
}

/** Prefixes every line of a block of complete lines (no trailing newline) and ends it with one. */
export function toPrefixedLines(block: string, prefix: string): string {
  if (prefix === '') return `${block}\n`;
  return `${prefix}${block.replaceAll('\n', `\n${prefix}`)}\n`;
}

/** Copies `source` to `sink` line by line with `prefix`; resolves when the source ends. */
export function pipeLines(source: Readable, sink: SharedSink, prefix: string): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (block: string): void => sink.write(toPrefixedLines(block, prefix), source);
  source.on('data', (chunk: Buffer) => {
    const text = pending + decoder.write(chunk);
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline < 0) {
      pending = text;
    } else {
      pending = text.slice(lastNewline + 1);
      emit(text.slice(0, lastNewline));
    }
    while (pending.length > MAX_LINE_CHARS) {
      emit(pending.slice(0, MAX_LINE_CHARS));
      pending = pending.slice(MAX_LINE_CHARS);
    }
  });
  return new Promise((resolve) => {
    const finish = (): void => {
      const rest = pending + decoder.end();
      pending = '';
      if (rest !== '') emit(rest);
      resolve();
    };
    source.once('end', finish);
    source.once('error', finish);
  });
}
