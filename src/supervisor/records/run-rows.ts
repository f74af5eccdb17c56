// `sidecars runs`, the pure part: the keys under a prefix → the runs they hold (newest first), a run's
// started.json / finished.json → one row. A run is a folder that holds a started.json or a
// finished.json, in a folder named `<type>-<index>`:
//   PREFIX/<app>/<type>-<index>/<run id>/{started,finished}.json
// The listed prefix may end anywhere above the run id: at PREFIX (every app), at <app>, at
// <type>-<index>, or at the run itself. Whatever stands between the listed prefix and <type>-<index>
// is the app; with nothing there the URL named the app (the segment before <type>-<index>). A run
// folder inside another (a nested supervisor's entry) is part of that run, not a run of its own.
import { FINISHED_FILE, STARTED_FILE } from './records.js';

export interface StoredRun {
  /** the run's folder, a key without a trailing '/' */
  key: string;
  app: string;
  /** `<type>-<index>`: the instance folder */
  instance: string;
  runId: string;
  hasStarted: boolean;
  hasFinished: boolean;
  /** a newer run of the same instance folder exists */
  superseded: boolean;
}

export interface StoredRuns {
  /** newest first (run ids sort by start time as text) */
  runs: StoredRun[];
  /** no run has an app folder below the listed prefix: the URL named the app, no APP column */
  appInUrl: boolean;
}

const INSTANCE = /^.+-\d+$/;

export function toStoredRuns(prefix: string, keys: readonly string[]): StoredRuns {
  const head = prefix === '' ? '' : `${prefix}/`;
  const depth = prefix === '' ? 0 : prefix.split('/').length;
  const found = new Map<string, { segments: string[]; started: boolean; finished: boolean }>();
  for (const key of keys) {
    if (!key.startsWith(head)) continue;
    const segments = key.split('/');
    const file = segments.pop();
    if ((file !== STARTED_FILE && file !== FINISHED_FILE) || segments.length < Math.max(depth, 2)) continue;
    if (!INSTANCE.test(segments[segments.length - 2] ?? '')) continue;
    const dir = segments.join('/');
    const entry = found.get(dir) ?? { segments, started: false, finished: false };
    if (file === STARTED_FILE) entry.started = true;
    else entry.finished = true;
    found.set(dir, entry);
  }
  const newest = new Map<string, string>();
  const runs: Array<StoredRun & { folder: string }> = [];
  let appInUrl = true;
  for (const [dir, { segments, started, finished }] of found) {
    if (segments.some((_, i) => i > 0 && found.has(segments.slice(0, i).join('/')))) continue;
    const instanceAt = segments.length - 2;
    const appSegments = segments.slice(depth, instanceAt);
    if (appSegments.length > 0) appInUrl = false;
    const folder = segments.slice(0, -1).join('/');
    const runId = segments[segments.length - 1] ?? '';
    if ((newest.get(folder) ?? '') < runId) newest.set(folder, runId);
    runs.push({
      key: dir,
      app: appSegments.length > 0 ? appSegments.join('/') : (segments[instanceAt - 1] ?? ''),
      instance: segments[instanceAt] ?? '',
      runId,
      hasStarted: started,
      hasFinished: finished,
      superseded: false,
      folder,
    });
  }
  runs.sort((a, b) => (a.runId === b.runId ? a.key.localeCompare(b.key) : a.runId < b.runId ? 1 : -1));
  return {
    runs: runs.map(({ folder, ...run }) => ({ ...run, superseded: newest.get(folder) !== run.runId })),
    appInUrl: appInUrl && runs.length > 0,
  };
}

/**
 * `no finished.json`: the newest run of its instance, still running or its instance died before its
 * last upload; `lost`: a later run of the same instance started, so it never finished cleanly;
 * `unreadable`: a finished.json that is not a record.
 */
export type RowResult = 'SUCCESS' | 'FAILURE' | 'ABORTED' | 'no finished.json' | 'lost' | 'unreadable';

/** One row, as `--json` prints it (stable keys; `null` when not known). */
export interface RunRow {
  app: string;
  instance: string;
  run_id: string;
  /** s3://BUCKET/KEY/ of the run's folder */
  url: string;
  /** ISO 8601 UTC, whole seconds */
  started_at: string | null;
  finished_at: string | null;
  duration_s: number | null;
  result: RowResult;
  exit_code: number | null;
  /** finished.json metadata.cause as recorded */
  cause: Record<string, unknown> | null;
  summary: string | null;
  /** what could not be read, e.g. `finished.json is not JSON` */
  problems: string[];
}

type Json = Record<string, unknown>;

function parseRecord(name: string, text: string | null, problems: string[]): Json | null {
  if (text === null) return null;
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) return doc as Json;
    problems.push(`${name} is not a JSON object`);
  } catch {
    problems.push(`${name} is not JSON`);
  }
  return null;
}

function toSeconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/** `20261126T214130-123Z-…` → its start, in epoch seconds. */
export function toRunIdSeconds(runId: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})-\d{3}Z/.exec(runId);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isNaN(ms) ? null : ms / 1000;
}

const toIso = (seconds: number | null): string | null =>
  seconds === null ? null : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * A run and the text of its records (null: not in the store; undefined: not read, the start is the
 * run id's) → its row. Never throws.
 */
export function toRunRow(
  run: StoredRun,
  bucket: string,
  startedText: string | null | undefined,
  finishedText: string | null,
): RunRow {
  const problems: string[] = [];
  if (startedText === null) problems.push(`no ${STARTED_FILE}`);
  const started = parseRecord(STARTED_FILE, startedText ?? null, problems);
  const finished = parseRecord(FINISHED_FILE, finishedText, problems);
  const startedS = toSeconds(started?.['timestamp']) ?? toRunIdSeconds(run.runId);
  const finishedS = toSeconds(finished?.['timestamp']);
  const meta = (finished?.['metadata'] ?? {}) as Json;
  const cause = meta['cause'];
  let result: RowResult = run.superseded ? 'lost' : 'no finished.json';
  if (finishedText !== null) {
    const recorded = finished?.['result'];
    result =
      recorded === 'SUCCESS' || recorded === 'FAILURE' || recorded === 'ABORTED' ? recorded : 'unreadable';
    if (finished !== null && result === 'unreadable') problems.push(`${FINISHED_FILE} has no result`);
  }
  return {
    app: run.app,
    instance: run.instance,
    run_id: run.runId,
    url: `s3://${bucket}/${run.key}/`,
    started_at: toIso(startedS),
    finished_at: toIso(finishedS),
    duration_s:
      startedS !== null && finishedS !== null && finishedS >= startedS ? finishedS - startedS : null,
    result,
    exit_code: typeof meta['exit_code'] === 'number' ? meta['exit_code'] : null,
    cause: typeof cause === 'object' && cause !== null && !Array.isArray(cause) ? (cause as Json) : null,
    summary: typeof meta['summary'] === 'string' ? meta['summary'] : null,
    problems,
  };
}
