import type { SupervisorEvent } from '../model/events.js';
import { toLogRecord } from './log-events.js';

type Level = 'info' | 'warn' | 'error';
/** The event of one type (a transition's type is a union of `process.*` literals: not Extract's). */
type EventOf<T extends SupervisorEvent['type'], E = SupervisorEvent> = E extends SupervisorEvent
  ? T extends E['type']
    ? E
    : never
  : never;

/** What a line may use of the events before it: when each process started, which ones still run. */
export interface EventMemory {
  runningAt: Map<string, number>;
  ended: Set<string>;
  seen: Set<string>;
}

export function createEventMemory(): EventMemory {
  return { runningAt: new Map(), ended: new Set(), seen: new Set() };
}

/** `http check on http://127.0.0.1:9100/health` → `http :9100/health`; `port check on 127.0.0.1:8080` → `port :8080`. */
export function toShortTarget(target: string): string {
  const match = /^(\w+) check on (?:https?:\/\/)?(?:127\.0\.0\.1|localhost)(:\d+.*)$/.exec(target);
  return match === null ? target : `${match[1]} ${match[2]}`;
}

/** 850 → `850 ms`, 1418 → `1.4 s`, 61000 → `61 s`. */
export function toDurationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** How a run ended: `exited with code 3`, `exited (code 0)`, `killed by SIGKILL`. */
function toEndText(exitCode: number | null | undefined, signal: string | null | undefined): string {
  if (typeof signal === 'string') return `killed by ${signal}`;
  if (typeof exitCode === 'number')
    return exitCode === 0 ? 'exited (code 0)' : `exited with code ${exitCode}`;
  return 'ended';
}

/** ` (cause)` unless the cause says nothing more than `plain`. */
function toCause(cause: string | undefined, ...plain: string[]): string {
  return cause === undefined || cause === '' || plain.includes(cause) ? '' : ` (${cause})`;
}

function others(count: number): string {
  return count === 1 ? '1 other' : `${count} others`;
}

type Phrase<T extends SupervisorEvent['type']> = (event: EventOf<T>, memory: EventMemory) => string;

/** One phrase per event type: the compiler checks that none is missing. */
const PHRASES: { [T in SupervisorEvent['type']]: Phrase<T> } = {
  'process.pending': (e) => `${e.name} pending${toCause(e.cause)}`,
  'process.waiting': (e) => {
    const gate = /^([^:\s]+): (.+)$/.exec(e.cause);
    return `${e.name} waiting for ${gate === null ? e.cause : `${gate[1]} (${toShortTarget(gate[2] ?? '')})`}`;
  },
  'process.starting': (e) =>
    e.cause.startsWith('restart: ')
      ? `${e.name} starting again`
      : `${e.name} starting${toCause(e.cause, 'gate open')}`,
  'process.running': (e) => `${e.name} running${e.pid === undefined ? '' : ` (pid ${e.pid})`}`,
  'process.healthy': (e, memory) => {
    const startedAt = memory.runningAt.get(e.name);
    const after = startedAt === undefined ? '' : `, ${toDurationText(Math.max(0, e.at - startedAt))}`;
    return `${e.name} healthy (${toShortTarget(e.cause)}${after})`;
  },
  'process.restarting': (e) => {
    const delay = e.delayMs === undefined ? '' : ` in ${toDurationText(e.delayMs)}`;
    if (e.reason === 'operator') return `${e.name} restarting${delay} (asked by an operator)`;
    const attempt = e.attempt === undefined || e.attempt === 0 ? '' : ` (restart ${e.attempt})`;
    return `${e.name} ${toEndText(e.exitCode, e.signal)}; restarting${delay}${attempt}`;
  },
  'process.exited': (e) => {
    if (e.reason === 'exited' || e.reason === 'signal') return `${e.name} ${toEndText(e.exitCode, e.signal)}`;
    return `${e.name} ${toEndText(e.exitCode, e.signal)}${toCause(e.cause, e.reason ?? '')}`;
  },
  'process.killed': (e) => {
    const how = typeof e.signal === 'string' ? ` (${e.signal})` : '';
    if (e.reason === 'stopped' || e.reason === undefined) return `${e.name} stopped${how}`;
    return `${e.name} stopped${how}: ${e.cause}`;
  },
  'gate.passed': (e) =>
    `${e.name} may start: ${toShortTarget(e.target)} passed${e.waitedMs >= 100 ? ` after ${toDurationText(e.waitedMs)}` : ''}`,
  'gate.timed_out': (e) => `${e.name} will not start: ${e.detail}`,
  'health.passed': (e) => `${e.name} health check passed (${toShortTarget(e.target)})`,
  'health.failed': (e) => `${e.name}: ${e.detail}`,
  'restart.requested': (e) => `${e.name}: restart asked by an operator`,
  'restart.budget_exhausted': (e) =>
    `${e.name} ${toEndText(e.exitCode, e.signal)} after ${e.restarts} restart(s): none left`,
  'memory.exceeded': (e) => toLogRecord(e).msg,
  'memory.shared_below_limit': (e) => toLogRecord(e).msg,
  'memory.sample_failed': (e) =>
    `${toLogRecord(e).msg}${e.consecutive > 1 ? ` (${e.consecutive} times in a row)` : ''}`,
  'process.kill_forced': (e) => toLogRecord(e).msg,
  'supervisor.stop_requested': (e, memory) => {
    if (e.signal !== undefined) return `${e.signal} received: stopping everything`;
    const left = [...memory.seen].filter((name) => name !== e.cause && !memory.ended.has(name)).length;
    return `stopping ${others(left)} (${e.cause} ended)`;
  },
  'supervisor.finished': (e) => toLogRecord(e).msg,
  'records.uploaded': (e) =>
    `uploaded the ${e.what} records: ${e.objects} object(s) in ${toDurationText(e.tookMs)}`,
  'records.upload_failed': (e) => toLogRecord(e).msg,
};

/**
 * The level of an event's line: toLogRecord's, except that an unasked-for end stands out (a
 * crash is an error, a restart a warning; the JSON log keeps them at info).
 */
export function toEventLevel(event: SupervisorEvent): Level {
  const level = toLogRecord(event).level;
  if (level !== 'info') return level;
  if (event.type === 'process.restarting') return event.reason === 'operator' ? 'info' : 'warn';
  if (event.type === 'process.exited') {
    return event.exitCode === 0 && event.reason === 'exited' ? 'warn' : 'error';
  }
  if (event.type === 'process.killed' && (event.reason ?? 'stopped') !== 'stopped') return 'error';
  if (event.type === 'gate.timed_out' || event.type === 'restart.budget_exhausted') return 'error';
  return level;
}

/** The human text of one event (`agent healthy (http :9100/health, 41 ms)`); notes it in `memory`. */
export function toEventText(event: SupervisorEvent, memory: EventMemory): string {
  const phrase = PHRASES[event.type] as Phrase<SupervisorEvent['type']> | undefined;
  const text = phrase === undefined ? event.type : phrase(event, memory);
  if ('name' in event && typeof event.name === 'string') {
    memory.seen.add(event.name);
    if (event.type === 'process.running') memory.runningAt.set(event.name, event.at);
    if (event.type === 'process.exited' || event.type === 'process.killed') memory.ended.add(event.name);
  }
  return text;
}

/** Every event type with a phrase (for the tests: none without a line). */
export const EVENT_TYPES = Object.keys(PHRASES) as Array<SupervisorEvent['type']>;
