// What the end of one run of a process means: how it ended (from its exit, and from why the
// supervisor was ending it), and what a restart rule's answer makes of that end. Pure:
// ManagedProcess asks when a run's child has exited, then applies the step and emits its events.
import type { SupervisorEvent, TransitionEvent } from '../model/events.js';
import type { EndReason, RestartReason, RestartRecord } from '../model/process-result.js';
import type { RestartDecision } from '../model/restart-decision.js';
import type { ChildExit } from './spawn.js';

/** How a run ended, as its result and its events say. */
export interface RunEndFacts {
  /** it never ran: the spawn failed */
  failed: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  reason: EndReason;
  detail: string | null;
  /** `killed`: the supervisor was ending it; `exited`: it ended on its own (or never started) */
  to: 'exited' | 'killed';
}

/** A run's exit, and why the supervisor was ending it (null: it was not) → how that run ended. */
export function toRunEndFacts(
  exit: ChildExit,
  ending: { reason: EndReason; detail: string | null } | null,
): RunEndFacts {
  const failed = exit.kind === 'error';
  const exitCode = failed ? null : exit.exitCode;
  const signal = failed ? null : exit.signal;
  const reason: EndReason = failed
    ? 'spawn_failed'
    : (ending?.reason ?? (signal !== null ? 'signal' : 'exited'));
  const detail = failed ? exit.message : (ending?.detail ?? null);
  const to = ending !== null && !failed ? 'killed' : 'exited';
  return { failed, exitCode, signal, reason, detail, to };
}

/** What a restart rule's answer makes of a run's end: a next run, the end of a spent budget, or the end. */
export type RunEndStep =
  /** `transition`: the fields of its process.restarting event */
  | { kind: 'restart'; record: RestartRecord; delayMs: number; transition: Partial<TransitionEvent> }
  | { kind: 'exhausted'; detail: string; event: SupervisorEvent }
  | { kind: 'final' };

export function toRunEndStep(
  decision: RestartDecision,
  facts: RunEndFacts,
  run: { name: string; endedAt: number; byOperator: boolean; restarts: number },
): RunEndStep {
  if (decision.kind === 'restart') {
    const reason: RestartReason = run.byOperator ? 'operator' : facts.reason;
    const { exitCode, signal } = facts;
    const { delayMs, attempt } = decision;
    const record = { exit_code: exitCode, signal, reason, at: run.endedAt, delay_ms: delayMs };
    const transition = { exitCode, signal, reason, attempt, delayMs };
    return { kind: 'restart', record, delayMs, transition };
  }
  if (decision.kind === 'exhausted') {
    const how = toRunEndText(facts.reason, facts.exitCode, facts.signal, facts.detail);
    const detail = `restarted ${run.restarts} time(s), max_restarts ${decision.budget.max} spent; its last run ${how}`;
    const { name, restarts, endedAt } = run;
    const { exitCode, signal, reason } = facts;
    const event: SupervisorEvent = {
      type: 'restart.budget_exhausted',
      name,
      restarts,
      exitCode,
      signal,
      reason,
      at: endedAt,
    };
    return { kind: 'exhausted', detail, event };
  }
  return { kind: 'final' };
}

/** "exited with code 3", "was killed by SIGKILL", "was stopped: <detail>" (a run, no name). */
function toRunEndText(
  reason: EndReason,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  detail: string | null,
): string {
  if (detail !== null) return `ended (${reason}): ${detail}`;
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${exitCode ?? '?'}`;
}
