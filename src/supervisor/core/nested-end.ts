// What a nested `sidecars exec` (one launch.yml entry of this buildpack, run by `sidecars run`)
// left in its finished.json: which of its sidecars ended first, and how each one ended. Pure: the
// parsing checks every field, because the nested exec may be another version of the supervisor.
import { BYTES_PER_MB } from '../model/tree-sample.js';
import type {
  EndReason,
  NestedEnd,
  NestedProcess,
  ProcessResult,
  RestartRecord,
} from '../model/process-result.js';

/**
 * Set by `sidecars run` in a nested exec's environment only: the dir for its run records. The exec
 * takes it out of its own environment first, so its sidecars never see it; the platform never sets it.
 */
export const NESTED_ENV = 'SIDECARS_NESTED';

/**
 * In that dir, `run` writes the pid of the app it started (`<pid>\n`) as the app starts: the nested
 * exec then knows which process `stop: after_app` waits for even where it never saw the app's
 * listener (a stop that came before its first look at the app's port). The app starts after the
 * nested exec (run holds it), so the environment cannot carry it.
 */
export const NESTED_APP_PID_FILE = 'app.pid';

const REASONS: readonly EndReason[] = [
  'exited',
  'signal',
  'oom',
  'stopped',
  'spawn_failed',
  'gate_timeout',
  'unhealthy',
  'restart_budget_exhausted',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumberOrNull = (value: unknown): value is number | null =>
  value === null || typeof value === 'number';

function toNestedProcess(value: unknown): NestedProcess | null {
  if (!isRecord(value)) return null;
  const { exit_code, signal, reason, forced, peak_rss_mb, started_at, finished_at, detail, restarts } = value;
  const lastRunReason = value['last_run_reason'];
  if (!isNumberOrNull(exit_code) || !isNumberOrNull(peak_rss_mb) || !isNumberOrNull(started_at)) return null;
  if (typeof finished_at !== 'number' || typeof forced !== 'boolean') return null;
  if (signal !== null && (typeof signal !== 'string' || !signal.startsWith('SIG'))) return null;
  if (!REASONS.includes(reason as EndReason)) return null;
  const restartRecords = toRestartRecords(restarts);
  return {
    ...(restartRecords.length > 0 ? { restarts: restartRecords } : {}),
    ...(REASONS.includes(lastRunReason as EndReason) ? { last_run_reason: lastRunReason as EndReason } : {}),
    exit_code,
    signal: signal as NodeJS.Signals | null,
    reason: reason as EndReason,
    forced,
    peak_rss_mb,
    started_at,
    finished_at,
    // finished.json of a supervisor older than `detail`: none
    detail: typeof detail === 'string' ? detail : null,
  };
}

/** A nested sidecar's `restarts` as recorded; an entry this version cannot read is left out. */
function toRestartRecords(value: unknown): RestartRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is RestartRecord =>
      isRecord(entry) &&
      isNumberOrNull(entry['exit_code']) &&
      (entry['signal'] === null || typeof entry['signal'] === 'string') &&
      typeof entry['reason'] === 'string' &&
      typeof entry['at'] === 'number' &&
      typeof entry['delay_ms'] === 'number',
  );
}

/** The finished.json text of a nested exec → its end; null if it is not one this version reads. */
export function parseNestedEnd(text: string): NestedEnd | null {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return null;
  }
  const metadata = isRecord(record) ? record['metadata'] : null;
  if (!isRecord(metadata) || !isRecord(metadata['processes'])) return null;
  const processes: Record<string, NestedProcess> = {};
  for (const [name, value] of Object.entries(metadata['processes'])) {
    const proc = toNestedProcess(value);
    if (proc === null) return null;
    processes[name] = proc;
  }
  const cause = metadata['cause'];
  const first = isRecord(cause) && typeof cause['process'] === 'string' ? cause['process'] : null;
  return { first: first !== null && first in processes ? first : null, processes };
}

/** `sidecars-web/agent`: a nested sidecar's name in `run`'s records and state (no clash across entries). */
export function toNestedName(entry: string, name: string): string {
  return `${entry}/${name}`;
}

/** A nested sidecar's end as a result, for the descriptions of exit-code.ts. */
export function toNestedResult(name: string, proc: NestedProcess): ProcessResult {
  const ms = (seconds: number | null): number | null => (seconds === null ? null : seconds * 1000);
  return {
    name,
    exitCode: proc.exit_code,
    signal: proc.signal,
    reason: proc.reason,
    forced: proc.forced,
    peakRssBytes: proc.peak_rss_mb === null ? null : proc.peak_rss_mb * BYTES_PER_MB,
    startedAt: ms(proc.started_at),
    endedAt: proc.finished_at * 1000,
    detail: proc.detail,
    ...(proc.last_run_reason === undefined ? {} : { lastRunReason: proc.last_run_reason }),
  };
}
