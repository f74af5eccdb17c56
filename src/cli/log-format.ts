// How `exec` and `run` write their own events: --log-format auto|text|json, NO_COLOR, and what `run`
// tells its nested execs.
import type { Writable } from 'node:stream';

import type { Logger } from 'pino';

import { SidecarError } from '../common/errors.js';
import { createLogger, type LineCensor } from '../supervisor/core/log.js';
import { createEventLines } from '../supervisor/policies/event-lines.js';

export const LOG_FORMAT_OPTIONS = { 'log-format': { type: 'string' } } as const;

/** What `run` sets for its nested execs (their stdout is run's pipe): taken out of the environment by exec. */
export const LOG_FORMAT_ENV = 'SIDECARS_LOG_FORMAT';

const FORMATS = ['auto', 'text', 'json'] as const;
type LogFormatSetting = (typeof FORMATS)[number];

export interface LogFormat {
  format: 'text' | 'json';
  colour: boolean;
}

/** --log-format's help lines, their text starting at `column`. */
export function toLogFormatHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    `${'  --log-format FORMAT'.padEnd(column)}the supervisor's own events: auto (default: text on a terminal,`,
    `${pad}json otherwise), text (short lines, coloured on a terminal unless`,
    `${pad}NO_COLOR is set) or json (one object a line)`,
  ].join('\n');
}

function parseSetting(value: string | undefined, where: string): LogFormatSetting {
  if (value === undefined || value === '') return 'auto';
  if ((FORMATS as readonly string[]).includes(value)) return value as LogFormatSetting;
  throw new SidecarError('usage', `${where} takes auto, text or json, not "${value}"`);
}

/**
 * The format and colour of the supervisor's own lines: the flag, else what `run` asked for
 * (`fromRun`), else text on a terminal and JSON otherwise (the platform's log stream is a pipe).
 * Colour only on a terminal, and never with NO_COLOR set to anything but the empty string.
 */
export function toLogFormat(opts: {
  flag: string | undefined;
  fromRun?: string | undefined;
  isTTY: boolean;
  noColor: string | undefined;
}): LogFormat {
  let setting = parseSetting(opts.flag, '--log-format');
  if (setting === 'auto') setting = parseSetting(opts.fromRun, LOG_FORMAT_ENV);
  const format = setting === 'auto' ? (opts.isTTY ? 'text' : 'json') : setting;
  const colour = format === 'text' && opts.isTTY && (opts.noColor === undefined || opts.noColor === '');
  return { format, colour };
}

/**
 * What `run` tells its nested execs: the format run writes in. Their events reach the terminal
 * through run's pipe, prefixed by run, so they follow run's format; never coloured, since run
 * also keeps their output in its records (no escape codes in a log file or the report page).
 */
export function toNestedLogEnv(own: LogFormat): Record<string, string> {
  return { [LOG_FORMAT_ENV]: own.format };
}

/** The command's logger on `stream` in `format`. */
export function createCommandLogger(opts: {
  stream: Writable;
  format: LogFormat;
  name: string;
  censor: LineCensor;
}): Logger {
  return createLogger({
    stream: opts.stream,
    name: opts.name,
    censor: opts.censor,
    ...(opts.format.format === 'text' ? { toLine: createEventLines({ colour: opts.format.colour }) } : {}),
  });
}
