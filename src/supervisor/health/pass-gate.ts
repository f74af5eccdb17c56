import type { Clock } from '../../common/clock.js';
import { SidecarError } from '../../common/errors.js';
import type { EventBus } from '../model/events.js';
import type { ManagedProcess } from '../core/managed-process.js';
import type { GateSpec } from '../model/process-spec.js';
import { toTreeTokensEnv } from '../proc/tree-tokens.js';
import type { ExecProbeContext } from './exec.js';
import { waitUntilHealthy } from './gate.js';
import { toProbe } from './probe.js';
import { waitForProcessHealthy } from './wait-for-process.js';

/**
 * Holds `proc` at its gate (DESIGN §3 `waiting`): another process healthy (`run`: the app), or the
 * health check of a process type; a `gate.passed` event when it opens. A gate timeout stops `proc`
 * (reason gate_timeout). False when it did not open.
 */
export async function passGate(
  proc: ManagedProcess,
  gate: GateSpec,
  ctx: {
    byName: ReadonlyMap<string, ManagedProcess>;
    bus: EventBus;
    clock: Clock;
    signal: AbortSignal;
    openCheck?: ExecProbeContext['openCheck'];
  },
): Promise<boolean> {
  const { byName, bus, clock, signal } = ctx;
  if (gate.kind === 'process') {
    const other = byName.get(gate.name);
    if (other === undefined)
      throw new SidecarError('invariant', `${proc.name} waits for unknown ${gate.name}`);
    proc.markWaiting(`${gate.name} healthy`);
    const startedAt = clock.now();
    const outcome = await waitForProcessHealthy(other, bus, signal);
    if (outcome === 'ready') {
      bus.emit({
        type: 'gate.passed',
        name: proc.name,
        target: `${gate.name} healthy`,
        waitedMs: clock.now() - startedAt,
        at: clock.now(),
      });
    }
    return outcome === 'ready';
  }
  const { target, processType } = gate;
  proc.markWaiting(`${processType}: ${target.description}`);
  // an exec check of the type runs as the platform's would, in no environment of the sidecar's: only
  // the tokens of the supervisors this one runs under (`run`), which find it if this one is killed
  const probe = toProbe(target, {
    cwd: '/',
    env: toTreeTokensEnv(proc.spec.env),
    signal,
    ...(ctx.openCheck ? { openCheck: ctx.openCheck } : {}),
  });
  const outcome = await waitUntilHealthy(probe, {
    timeoutMs: target.check.timeoutMs,
    clock,
    signal,
  });
  if (outcome.kind === 'ready') {
    bus.emit({
      type: 'gate.passed',
      name: proc.name,
      target: target.description,
      waitedMs: outcome.waitedMs,
      at: clock.now(),
    });
    return true;
  }
  if (outcome.kind === 'timeout') {
    const detail = `process type ${processType} did not become healthy: ${target.description} did not pass within ${Math.round(outcome.waitedMs / 1000)} s (last: ${outcome.lastDetail})`;
    bus.emit({
      type: 'gate.timed_out',
      name: proc.name,
      target: target.description,
      waitedMs: outcome.waitedMs,
      detail,
      at: clock.now(),
    });
    await proc.stop('gate_timeout', 0, detail);
  }
  return false;
}
