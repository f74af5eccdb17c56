// The body of GET /state: one view per process (state-view.ts builds it; status, wait and run read it).
import type { RestartReason } from './process-result.js';
import type { ProcessState } from './state.js';

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
