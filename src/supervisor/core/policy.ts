import type { Clock } from '../../common/clock.js';
import type { EventBus } from '../model/events.js';
import type { StopCause } from '../model/run-outcome.js';
import type { ManagedProcess } from './managed-process.js';

/** What a policy may see and do: react to events, act only through the processes and requestStop. */
export interface SupervisorHandle {
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly processes: readonly ManagedProcess[];
  readonly graceMs: number;
  /** the first cause wins; later calls are ignored */
  requestStop(cause: StopCause): void;
  readonly stopCause: StopCause | null;
  /**
   * adds to their trees the descendants that detached from them (setsid, double fork) since the last
   * call. `quiet`: the caller has seen that no supervised tree has run since its last call (nothing
   * of theirs can have forked): nothing is read then, unless a health check may have left something
   */
  findEscaped(quiet?: boolean): void;
  /** starts the next run of a process that is `restarting` (and its own health watch); no gate */
  relaunch(proc: ManagedProcess, cause: string): void;
  /** `sidecars restart NAME`: checks it can be done, then emits `restart.requested` */
  requestRestart(name: string): RestartAnswer;
}

/** The answer to an operator's restart request (the state API turns it into a status code). */
export type RestartAnswer =
  | { ok: true; state: string }
  | { ok: false; error: 'unknown_process' | 'not_a_sidecar' | 'not_running'; message: string };

/** One behaviour per file (concurrently's flow controllers): attach returns detach. */
export interface Policy {
  attach(sup: SupervisorHandle): () => void;
}
