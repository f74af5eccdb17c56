// The pure rules of a sidecar's `restart` policy: which ends are failures, the back-off curve,
// the budget and its reset. No clock, no process: the restart policy feeds them what happened.
import type { RestartBudget, RestartDecision, RestartPolicy, RunEnd } from '../model/restart-decision.js';

/** The first back-off: 1 s, then ×2 per restart, never more than 30 s (docs/running.md, "restart"). */
export const RESTART_BASE_DELAY_MS = 1_000;
export const RESTART_DELAY_FACTOR = 2;
export const RESTART_MAX_DELAY_MS = 30_000;
/** Healthy this long in one run: the count and the delay start again from zero. */
export const RESTART_RESET_AFTER_MS = 60_000;

/**
 * The delay before restart number `attempt` (1-based): 1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s, …
 */
export function toBackoffMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(RESTART_BASE_DELAY_MS * RESTART_DELAY_FACTOR ** exponent, RESTART_MAX_DELAY_MS);
}

/**
 * A failure: a non-zero exit, a death by signal, a memory-limit kill, a health check that failed
 * (startup timeout or liveness). An exit 0 is one only for `always`. A stop by the supervisor, a
 * spawn failure or a gate timeout is never restarted.
 */
export function isRestartable(policy: RestartPolicy, end: Pick<RunEnd, 'reason' | 'exitCode'>): boolean {
  if (policy === 'never') return false;
  switch (end.reason) {
    case 'signal':
    case 'oom':
    case 'unhealthy':
      return true;
    case 'exited':
      return end.exitCode !== 0 || policy === 'always';
    case 'stopped':
    case 'spawn_failed':
    case 'gate_timeout':
    case 'restart_budget_exhausted':
      return false;
  }
}

/** The budget once a run that was healthy for RESTART_RESET_AFTER_MS has ended: reset to 0. */
export function toResetBudget(
  budget: RestartBudget,
  end: Pick<RunEnd, 'healthySince' | 'endedAt'>,
): RestartBudget {
  const healthyMs = end.healthySince === null ? 0 : end.endedAt - end.healthySince;
  return healthyMs >= RESTART_RESET_AFTER_MS ? { ...budget, used: 0 } : budget;
}

/** What to do when a run ends: restart after a delay, give up (budget spent), or end for good. */
export function decideRestart(policy: RestartPolicy, budget: RestartBudget, end: RunEnd): RestartDecision {
  const current = toResetBudget(budget, end);
  if (end.byOperator) return { kind: 'restart', delayMs: 0, attempt: current.used, budget: current };
  if (!isRestartable(policy, end)) return { kind: 'final' };
  if (current.used >= current.max) return { kind: 'exhausted', budget: current };
  const attempt = current.used + 1;
  return { kind: 'restart', delayMs: toBackoffMs(attempt), attempt, budget: { ...current, used: attempt } };
}
