import type { SupervisorEvent } from '../model/events.js';
import { createEventMemory, EVENT_TYPES, toEventLevel, toEventText } from './event-text.js';

/** ANSI colours by level; the time is dim. */
const COLOURS = { info: '', warn: '\u001b[33m', error: '\u001b[1;31m' } as const;
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';
const KNOWN = new Set<string>(EVENT_TYPES);

/** `HH:MM:SS` in local time, as the app's own lines usually print it. */
export function toClock(epochMs: number): string {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

function toLevel(value: unknown): 'info' | 'warn' | 'error' {
  return value === 'warn' || value === 'error' ? value : value === 'fatal' ? 'error' : 'info';
}

/** A value of a field as text: strings as they are, anything else as JSON. */
function toFieldText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The text and level of a log record that is not one of the bus's events (`status.listening`,
 * `records.write_failed`, …): its message, or its event and fields when it has none.
 */
function toOtherText(record: Record<string, unknown>): { text: string; level: 'info' | 'warn' | 'error' } {
  const { level, proc, event, msg, ...rest } = record;
  delete rest['time'];
  const who = typeof proc === 'string' ? `${proc}: ` : '';
  if (typeof msg === 'string' && msg !== '') return { text: `${who}${msg}`, level: toLevel(level) };
  const fields = Object.entries(rest)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}=${toFieldText(value)}`)
    .join(' ');
  return {
    text: `${who}${typeof event === 'string' ? event : ''}${fields ? ` ${fields}` : ''}`,
    level: toLevel(level),
  };
}

/**
 * Turns the supervisor's JSON log lines into short human ones for a terminal:
 * `12:01:03 agent healthy (http :9100/health, 1.4 s)`, coloured by level when `colour`. Stateful:
 * a line may say what the events before it established (how long a process took to be healthy,
 * how many others a stop stops). A line that is not a JSON record passes as it is.
 */
export function createEventLines(opts: { colour: boolean }): (json: string) => string {
  const memory = createEventMemory();
  return (json) => {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return json;
    }
    if (typeof record !== 'object' || record === null) return json;
    const at = typeof record['time'] === 'string' ? Date.parse(record['time']) : Number(record['time']);
    const epochMs = Number.isFinite(at) ? at : Date.now();
    const { text, level } = toRecordText(record, epochMs, memory);
    const clock = toClock(epochMs);
    if (!opts.colour) return `${clock} ${text}\n`;
    const colour = COLOURS[level];
    return `${DIM}${clock}${RESET} ${colour}${text}${colour === '' ? '' : RESET}\n`;
  };
}

function toRecordText(
  record: Record<string, unknown>,
  epochMs: number,
  memory: ReturnType<typeof createEventMemory>,
): { text: string; level: 'info' | 'warn' | 'error' } {
  const type = record['event'];
  // the bus's own events have no `msg` only when their text is their type; others always have one
  if (typeof type !== 'string' || !KNOWN.has(type) || isForeign(record)) return toOtherText(record);
  const { proc, ...fields } = record;
  for (const key of ['time', 'level', 'event', 'msg']) delete fields[key];
  const event = {
    ...fields,
    type,
    at: epochMs,
    ...(typeof proc === 'string' ? { name: proc } : {}),
  } as unknown as SupervisorEvent;
  return { text: toEventText(event, memory), level: toEventLevel(event) };
}

/** A record named like a bus event but logged by other code, with other fields (start-upload's `key`). */
function isForeign(record: Record<string, unknown>): boolean {
  return record['event'] === 'records.upload_failed' && !Array.isArray(record['keys']);
}
