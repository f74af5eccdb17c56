import type { RestartReason } from './process-result.js';
import type { ProcessState } from './state.js';

interface Base {
  at: number;
}

export type TransitionEvent = Base & {
  type: `process.${ProcessState}`;
  name: string;
  cause: string;
  pid?: number;
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  /** how the run ended (process.exited/killed/restarting) */
  reason?: RestartReason;
  /** process.restarting: the restart's number in its budget (0: an operator's, not counted) */
  attempt?: number;
  /** process.restarting: the back-off before it starts again */
  delayMs?: number;
};

export type SupervisorEvent =
  | TransitionEvent
  | (Base & { type: 'gate.passed'; name: string; target: string; waitedMs: number })
  | (Base & { type: 'gate.timed_out'; name: string; target: string; waitedMs: number; detail: string })
  | (Base & { type: 'health.passed'; name: string; target: string })
  | (Base & {
      type: 'health.failed';
      name: string;
      target: string;
      detail: string;
      /** failed probes in a row, and how many make it unhealthy (absent: the first one did) */
      consecutive?: number;
      threshold?: number;
    })
  | (Base & { type: 'restart.requested'; name: string; by: 'operator' })
  | (Base & {
      type: 'restart.budget_exhausted';
      name: string;
      restarts: number;
      exitCode: number | null;
      signal: NodeJS.Signals | null;
      reason: RestartReason;
    })
  | (Base & {
      type: 'memory.exceeded';
      name: string;
      rssBytes: number;
      /** the tree's summed PSS, read to confirm the breach (null: it could not be read) */
      pssBytes: number | null;
      limitBytes: number;
      pids: number[];
    })
  | (Base & {
      type: 'memory.shared_below_limit';
      name: string;
      rssBytes: number;
      pssBytes: number;
      limitBytes: number;
    })
  | (Base & { type: 'memory.sample_failed'; name: string; error: string; consecutive: number })
  | (Base & { type: 'process.kill_forced'; name: string; pid: number })
  | (Base & { type: 'supervisor.stop_requested'; cause: string; signal?: NodeJS.Signals })
  | (Base & { type: 'supervisor.finished'; exitCode: number; summary: string })
  | (Base & { type: 'records.uploaded'; what: string; objects: number; tookMs: number })
  | (Base & {
      type: 'records.upload_failed';
      what: string;
      /** every object of the batch that failed for this reason (several events when there are many) */
      keys: string[];
      reason: string;
    });

export type EventListener = (event: SupervisorEvent) => void;

/** A typed emitter that also keeps every event since start (the log behind GET /events). */
export interface EventBus {
  emit(event: SupervisorEvent): void;
  /** returns the unsubscribe function */
  on(listener: EventListener): () => void;
  readonly history: readonly SupervisorEvent[];
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  const history: SupervisorEvent[] = [];
  return {
    history,
    emit(event) {
      history.push(event);
      for (const listener of [...listeners]) listener(event);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
