// events.jsonl: the supervisor's events, one JSON object a line, as it logs them (without pino's
// pid and hostname). Pure: events go in as lines, the file's lines come out. Bounded for a crash
// loop: the first HEAD_EVENTS lines and the last TAIL_EVENTS are kept, and one
// `records.events_dropped` line between them says how many were dropped there.
import type { SupervisorEvent } from '../model/events.js';
import { toLogRecord } from '../policies/log-events.js';

export const EVENTS_FILE = 'events.jsonl';
/** The start of the run: its starts, gates and first failures. */
export const HEAD_EVENTS = 500;
/** The end of the run: what led to it (a restart loop's last ~400 restarts). */
export const TAIL_EVENTS = 2_000;
/** Not part of the story: an interval upload's success every few seconds would crowd out the tail. */
const LEFT_OUT = new Set<SupervisorEvent['type']>(['records.uploaded']);

export interface EventLine {
  time: number;
  level: 'info' | 'warn' | 'error';
  event: string;
  msg: string;
  [field: string]: unknown;
}

/** One event as a line's object: the fields of its log line (toLogRecord), `time` its epoch ms. */
export function toEventLine(event: SupervisorEvent): EventLine | null {
  if (LEFT_OUT.has(event.type)) return null;
  const { level, msg, fields } = toLogRecord(event);
  return { time: event.at, level, event: event.type, msg, ...fields };
}

export interface EventLog {
  readonly headMax: number;
  readonly tailMax: number;
  head: string[];
  /** a ring: `tailStart` is the oldest */
  tail: string[];
  tailStart: number;
  dropped: number;
  /** the times of the first and last dropped events */
  droppedFrom: number | null;
  droppedTo: number | null;
}

export function createEventLog(headMax = HEAD_EVENTS, tailMax = TAIL_EVENTS): EventLog {
  return {
    headMax,
    tailMax: Math.max(1, tailMax),
    head: [],
    tail: [],
    tailStart: 0,
    dropped: 0,
    droppedFrom: null,
    droppedTo: null,
  };
}

/** Adds a line (in place); true if the log now lacks an event: its file must be rewritten, not appended to. */
export function addEventLine(log: EventLog, line: string, atMs: number): boolean {
  if (log.head.length < log.headMax) {
    log.head.push(line);
    return false;
  }
  if (log.tail.length < log.tailMax) {
    log.tail.push(line);
    return false;
  }
  const oldest = log.tail[log.tailStart] ?? '';
  log.tail[log.tailStart] = line;
  log.tailStart = (log.tailStart + 1) % log.tail.length;
  log.dropped += 1;
  log.droppedFrom ??= toLineTime(oldest, atMs);
  log.droppedTo = toLineTime(oldest, atMs);
  return true;
}

function toLineTime(line: string, fallback: number): number {
  try {
    const time = (JSON.parse(line) as { time?: unknown }).time;
    return typeof time === 'number' ? time : fallback;
  } catch {
    return fallback;
  }
}

/** The line that stands for the dropped events, between the head and the tail. */
export function toDroppedLine(log: EventLog): EventLine {
  const from = log.droppedFrom ?? 0;
  const to = log.droppedTo ?? from;
  return {
    time: from,
    level: 'warn',
    event: 'records.events_dropped',
    msg: `${log.dropped} event(s) dropped here to keep ${EVENTS_FILE} bounded (the first ${log.headMax} and the last ${log.tailMax} are kept)`,
    count: log.dropped,
    from,
    to,
  };
}

/** The file's text: the head, the dropped line (if any), then the tail, oldest first. */
export function toEventsText(log: EventLog): string {
  const tail = [...log.tail.slice(log.tailStart), ...log.tail.slice(0, log.tailStart)];
  const dropped = log.dropped > 0 ? [JSON.stringify(toDroppedLine(log))] : [];
  const lines = [...log.head, ...dropped, ...tail];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
