// The body of GET /state: one entry per process, from the processes themselves (state, pid, memory)
// and from the events seen so far (health, since, last exit).
import type { SupervisorEvent, TransitionEvent } from '../events.js';
import type { ManagedProcess } from '../managed-process.js';
import type { ProcessState } from '../state.js';
import type { NestedProcess, RestartReason } from '../process-result.js';
import { toMb, toPreciseSeconds } from '../records/records.js';

export type HealthStatus = 'passing' | 'failing' | 'unknown';

export interface ProcessView {
  state: ProcessState;
  pid: number | null;
  /** null: the process has no health check of its own */
  health: HealthStatus | null;
  rss_mb: number | null;
  limit_mb: number | null;
  /** how many times it was restarted (by its restart policy or an operator) */
  restarts: number;
  /** how its last run ended (reason `operator`: `sidecars restart`) */
  last_exit: { exit_code: number | null; signal: NodeJS.Signals | null; reason: RestartReason } | null;
  /** epoch seconds of its last state change */
  since: number;
  /** while `restarting`: epoch seconds of its next start; else null (absent: an older supervisor) */
  next_restart_at?: number | null;
}

export interface StateBody {
  /** false while the run goes on */
  finished: boolean;
  /** the supervisor's own pid (absent: an older supervisor) */
  pid?: number;
  processes: Record<string, ProcessView>;
}

interface Seen {
  health: HealthStatus | null;
  sinceMs: number;
  restarts: number;
  lastExit: ProcessView['last_exit'];
}

export interface StateView {
  apply(event: SupervisorEvent): void;
  toBody(processes: readonly ManagedProcess[], finished: boolean): StateBody;
}

function isTransition(event: SupervisorEvent): event is TransitionEvent {
  return event.type.startsWith('process.') && event.type !== 'process.kill_forced';
}

export function createStateView(startedAtMs: number): StateView {
  const seen = new Map<string, Seen>();
  const get = (name: string): Seen => {
    let entry = seen.get(name);
    if (entry === undefined) {
      entry = { health: null, sinceMs: startedAtMs, restarts: 0, lastExit: null };
      seen.set(name, entry);
    }
    return entry;
  };
  return {
    apply(event) {
      if (event.type === 'health.passed' || event.type === 'health.failed') {
        get(event.name).health = event.type === 'health.passed' ? 'passing' : 'failing';
        return;
      }
      if (!isTransition(event)) return;
      const entry = get(event.name);
      entry.sinceMs = event.at;
      if (event.type === 'process.healthy') entry.health = 'passing';
      if (event.type === 'process.restarting') entry.restarts += 1;
      if (
        event.type === 'process.exited' ||
        event.type === 'process.killed' ||
        event.type === 'process.restarting'
      ) {
        entry.lastExit = {
          exit_code: event.exitCode ?? null,
          signal: event.signal ?? null,
          reason: event.reason ?? 'exited',
        };
      }
    },
    toBody(processes, finished) {
      const body: StateBody = { finished, processes: {} };
      for (const proc of processes) {
        const entry = get(proc.name);
        const hasHealth = proc.spec.health !== null;
        body.processes[proc.name] = {
          state: proc.state,
          pid: proc.pid,
          health: hasHealth ? (entry.health ?? 'unknown') : null,
          rss_mb: toMb(proc.rssBytes),
          limit_mb: toMb(proc.spec.memoryLimitBytes),
          restarts: entry.restarts,
          last_exit: entry.lastExit,
          since: toPreciseSeconds(entry.sinceMs),
          next_restart_at: proc.nextStartAt === null ? null : toPreciseSeconds(proc.nextStartAt),
        };
      }
      return body;
    },
  };
}

/**
 * A nested exec's sidecar once that exec has ended, from its finished.json: ended, no pid, no
 * memory; what only its state API knew (health, limit, restarts) from its last row, if any.
 */
export function toEndedView(proc: NestedProcess, last: ProcessView | undefined): ProcessView {
  const stopped = !['exited', 'signal', 'spawn_failed'].includes(proc.reason);
  return {
    state: stopped ? 'killed' : 'exited',
    pid: null,
    health: last?.health ?? null,
    rss_mb: null,
    limit_mb: last?.limit_mb ?? null,
    restarts: last?.restarts ?? 0,
    last_exit: { exit_code: proc.exit_code, signal: proc.signal, reason: proc.reason },
    since: proc.finished_at,
  };
}
