// The waits between `pending` and `healthy`, as the supervisor loop calls them. health/ implements
// them (health/readiness.ts) and the wiring hands them in, so the core imports no concern folder.
import type { Clock } from '../../common/clock.js';
import type { EventBus } from '../model/events.js';
import type { HealthTarget } from '../model/health-target.js';
import type { CheckTree } from '../model/check-tree.js';
import type { GateSpec } from '../model/process-spec.js';
import type { ManagedProcess } from './managed-process.js';

/** gives one run of an exec health check a token of its own (the supervisor's sweep) */
export type OpenCheck = (env: Readonly<Record<string, string>>) => CheckTree;

export interface Readiness {
  /** holds `proc` at its gate (DESIGN §3 `waiting`); false when the gate did not open */
  passGate(
    proc: ManagedProcess,
    gate: GateSpec,
    ctx: {
      byName: ReadonlyMap<string, ManagedProcess>;
      bus: EventBus;
      clock: Clock;
      signal: AbortSignal;
      openCheck?: OpenCheck;
    },
  ): Promise<boolean>;
  /** waits for each of `proc`'s dependsOn; false when one ended for good or the stop came first */
  passDependencies(
    proc: ManagedProcess,
    byName: ReadonlyMap<string, ManagedProcess>,
    ctx: { bus: EventBus; clock: Clock; signal: AbortSignal },
  ): Promise<boolean>;
  /** one run's own health check: readiness, then liveness, until that run ends */
  watchHealth(
    proc: ManagedProcess,
    target: HealthTarget,
    ctx: { clock: Clock; bus: EventBus; signal: AbortSignal; graceMs: number; openCheck?: OpenCheck },
  ): Promise<void>;
}
