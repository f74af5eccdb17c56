// One supervisor event, as events.jsonl records it ({time, event, name, …fields}) or as the state
// API's /events streams it ({at, type, name, …}), in the page's shape. Self-contained
// (page-functions.ts): a live page reads /events with it.
import type { ReportEvent } from './report-model.js';

/** null: not an event (a line that is not an object with a time and a type). */
export function toReportEvent(raw: unknown): { name: string | null; event: ReportEvent } | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const atMs = typeof r['time'] === 'number' ? r['time'] : r['at'];
  const type = typeof r['event'] === 'string' ? r['event'] : r['type'];
  if (typeof atMs !== 'number' || typeof type !== 'string') return null;
  const num = (key: string): number | undefined => (typeof r[key] === 'number' ? r[key] : undefined);
  const text = (key: string): string | undefined => (typeof r[key] === 'string' ? r[key] : undefined);
  const event: ReportEvent = { atMs, type };
  const exitCode = r['exitCode'];
  if (typeof exitCode === 'number' || exitCode === null) event.exitCode = exitCode;
  const signal = r['signal'];
  if (typeof signal === 'string' || signal === null) event.signal = signal;
  const reason = text('reason');
  if (reason !== undefined) event.reason = reason;
  for (const key of ['attempt', 'delayMs', 'rssBytes', 'limitBytes'] as const) {
    const value = num(key);
    if (value !== undefined) event[key] = value;
  }
  const pss = r['pssBytes'];
  if (typeof pss === 'number' || pss === null) event.pssBytes = pss;
  const detail = text('detail') ?? text('summary') ?? (type === 'memory.exceeded' ? undefined : text('msg'));
  if (detail !== undefined && detail !== type) event.detail = detail;
  const name = text('name') ?? text('proc') ?? null;
  return { name, event };
}
