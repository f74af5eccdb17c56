/** Why a process ended. The platform's rules decide the exit code; the reason says why. */
export type EndReason =
  | 'exited'
  | 'signal'
  | 'oom'
  | 'stopped'
  | 'spawn_failed'
  | 'gate_timeout'
  | 'unhealthy'
  /** its `restart` policy would have restarted it once more, but max_restarts were spent */
  | 'restart_budget_exhausted';

/** Why a run was restarted: how it ended, or `operator` (`sidecars restart NAME`). */
export type RestartReason = EndReason | 'operator';

/**
 * One run of a process that ended and was restarted (`at`: epoch ms in a ProcessResult, epoch
 * seconds in finished.json).
 */
export interface RestartRecord {
  exit_code: number | null;
  signal: NodeJS.Signals | null;
  reason: RestartReason;
  at: number;
  /** the back-off before the next run */
  delay_ms: number;
}

/** One shape for success and failure (execa's result); exitCode and signal are kept apart. */
export interface ProcessResult {
  name: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  reason: EndReason;
  /** the supervisor had to SIGKILL it after the grace period */
  forced: boolean;
  /** null: never sampled */
  peakRssBytes: number | null;
  /** null: never spawned */
  startedAt: number | null;
  endedAt: number;
  /** human detail for reasons the exit status does not explain (gate timeout, oom figures) */
  detail: string | null;
  /** a nested `sidecars exec` (`run`, an entry of this buildpack): how its sidecars ended */
  nested?: NestedEnd;
  /** every earlier run that ended and was restarted, oldest first (absent: none) */
  restarts?: RestartRecord[];
  /** reason restart_budget_exhausted: how its last run ended (the exit code follows that run) */
  lastRunReason?: EndReason;
}

/** One sidecar of a nested exec as its finished.json records it (times in epoch seconds). */
export interface NestedProcess {
  exit_code: number | null;
  signal: NodeJS.Signals | null;
  reason: EndReason;
  forced: boolean;
  peak_rss_mb: number | null;
  started_at: number | null;
  finished_at: number;
  detail: string | null;
  /** every earlier run that ended and was restarted, oldest first (absent: none) */
  restarts?: RestartRecord[];
  /** reason restart_budget_exhausted: how its last run ended */
  last_run_reason?: EndReason;
}

/** A nested exec's finished.json, read when it ended; its launch.yml entry is the result's name. */
export interface NestedEnd {
  /** the sidecar whose end stopped the nested exec; null if a signal (or nothing) stopped it */
  first: string | null;
  processes: Record<string, NestedProcess>;
}
