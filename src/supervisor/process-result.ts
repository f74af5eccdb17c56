/** Why a process ended. The platform's rules decide the exit code; the reason says why. */
export type EndReason =
  'exited' | 'signal' | 'oom' | 'stopped' | 'spawn_failed' | 'gate_timeout' | 'unhealthy';

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
}
