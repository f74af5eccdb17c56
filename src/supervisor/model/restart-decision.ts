// What the restart rules (policies/restart-budget.ts) take and decide; ManagedProcess asks them at each run's end.
import type { EndReason } from './process-result.js';

export type RestartPolicy = 'never' | 'on-failure' | 'always';

/** Why a run ended, as the restart rules see it. */
export interface RunEnd {
  reason: EndReason;
  exitCode: number | null;
  /** when this run became healthy (without a check of its own: when it was spawned); null: never */
  healthySince: number | null;
  endedAt: number;
  /** `sidecars restart NAME`: an operator's action, never a failure */
  byOperator: boolean;
}

/** How many restarts were counted against `max_restarts` since the last reset. */
export interface RestartBudget {
  used: number;
  max: number;
}

export type RestartDecision =
  /** start it again after delayMs; `attempt` is the restart's number in the budget (1 = the first) */
  | { kind: 'restart'; delayMs: number; attempt: number; budget: RestartBudget }
  /** a failure the policy would restart, but the budget is spent */
  | { kind: 'exhausted'; budget: RestartBudget }
  /** not the policy's to restart: the process ends, as the platform would end it */
  | { kind: 'final' };

/** Decides, when a run ends, whether it starts again (set by the restart policy). */
export type RestartRule = (end: RunEnd) => RestartDecision;
