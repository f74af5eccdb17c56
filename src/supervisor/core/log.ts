import type { Writable } from 'node:stream';

import { type DestinationStream, type Logger, pino } from 'pino';

import { createSharedSink } from './line-output.js';

/** What the log needs of the run's censor (records/censor.ts): masked text, and a masked copy of a value. */
export interface LineCensor {
  text(text: string): string;
  value<T>(value: T): T;
}

const NO_CENSOR: LineCensor = { text: (text) => text, value: (value) => value };

/** A JSON line with every secret in its strings masked (it stays JSON); any other line as text. */
export function toCensoredLine(line: string, censor: LineCensor): string {
  if (censor.text(line) === line) return line;
  try {
    return `${JSON.stringify(censor.value(JSON.parse(line)))}\n`;
  } catch {
    return censor.text(line);
  }
}

/**
 * The supervisor's own log: pino, no transports (STYLE §4), JSON lines with an `event` field, or
 * the lines `toLine` makes of them (the human lines of a terminal: policies/event-lines.ts). It writes through the stream's shared sink, as the
 * children's output does (not with writeSync on the fd, as pino.destination({sync}) would): two
 * writers on one non-blocking pipe can split a line when one of them gets a partial write, and only
 * the sink knows whether a child left the stream mid-line, where a log line must start a new one.
 * On Linux stdout pipes and files are written synchronously, so nothing is lost at exit. Every
 * line goes out with the run's secrets masked (`censor`): an event may quote what a process said;
 * a `toLine` line is masked again, as text (a secret JSON-escaped in the record is plain in it).
 */
export function createLogger(opts: {
  stream: Writable;
  /** JSON line (masked) → the line to write instead; absent: the JSON line */
  toLine?: (json: string) => string;
  name: string;
  censor?: LineCensor;
}): Logger {
  const sink = createSharedSink(opts.stream);
  const censor = opts.censor ?? NO_CENSOR;
  const destination: DestinationStream = {
    write: (json: string) => {
      const line = toCensoredLine(json, censor);
      sink.writeLine(opts.toLine === undefined ? line : censor.text(opts.toLine(line)));
    },
  };
  return pino(
    {
      name: opts.name,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
