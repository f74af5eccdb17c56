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

/** `12:00:01.234 INFO  [web] process.running pid=42 — spawned` for a terminal; JSON otherwise. */
export function toPrettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, proc, event, msg, ...rest } = record;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const who = typeof proc === 'string' ? `[${proc}] ` : '';
  const text = typeof msg === 'string' ? ` — ${msg}` : '';
  return `${clock} ${String(level).toUpperCase().padEnd(5)} ${who}${typeof event === 'string' ? event : ''}${fields ? ` ${fields}` : ''}${text}\n`;
}

/**
 * The supervisor's own log: pino, no transports (STYLE §4), JSON lines with an `event` field, or
 * pretty lines when stdout is a terminal. It writes through the stream's shared sink, as the
 * children's output does (not with writeSync on the fd, as pino.destination({sync}) would): two
 * writers on one non-blocking pipe can split a line when one of them gets a partial write, and only
 * the sink knows whether a child left the stream mid-line, where a log line must start a new one.
 * On Linux stdout pipes and files are written synchronously, so nothing is lost at exit. Every
 * line goes out with the run's secrets masked (`censor`): an event may quote what a process said.
 */
export function createLogger(opts: {
  stream: Writable;
  pretty: boolean;
  name: string;
  censor?: LineCensor;
}): Logger {
  const sink = createSharedSink(opts.stream);
  const censor = opts.censor ?? NO_CENSOR;
  const destination: DestinationStream = {
    write: (json: string) => {
      const line = toCensoredLine(json, censor);
      sink.writeLine(opts.pretty ? toPrettyLine(line) : line);
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
