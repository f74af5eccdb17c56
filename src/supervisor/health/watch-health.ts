import type { Clock } from '../../common/clock.js';
import type { EventBus } from '../model/events.js';
import type { ManagedProcess } from '../core/managed-process.js';
import type { ExecProbeContext } from './exec.js';
import { waitUntilHealthy } from './gate.js';
import { toProbe } from './probe.js';
import type { HealthTarget } from '../model/health-target.js';

/**
 * Readiness, then liveness, of one run of a process's own health check: healthy once the probe
 * passes within the check's timeout; afterwards one probe every interval, and `failureThreshold`
 * failures in a row (1, the platform's rule, unless the check says otherwise) end the run with
 * reason `unhealthy` (its tree stopped: SIGTERM, SIGKILL after the grace period). A startup
 * timeout ends it the same way. Whether it runs again is its restart policy's to say.
 */
export async function watchHealth(
  proc: ManagedProcess,
  target: HealthTarget,
  ctx: {
    clock: Clock;
    bus: EventBus;
    signal: AbortSignal;
    graceMs: number;
    openCheck?: ExecProbeContext['openCheck'];
  },
): Promise<void> {
  const { clock, bus, signal } = ctx;
  const run = proc.runs;
  const { cwd, env } = proc.spec;
  const probe = toProbe(target, { cwd, env, signal, ...(ctx.openCheck ? { openCheck: ctx.openCheck } : {}) });
  const isThisRun = (state: string): boolean => proc.runs === run && proc.state === state;
  const ready = await waitUntilHealthy(probe, { timeoutMs: target.check.timeoutMs, clock, signal });
  if (ready.kind === 'aborted' || !isThisRun('running')) return;
  if (ready.kind === 'timeout') {
    const detail = `${target.description} did not pass within ${Math.round(ready.waitedMs / 1000)} s (last: ${ready.lastDetail})`;
    bus.emit({ type: 'health.failed', name: proc.name, target: target.description, detail, at: clock.now() });
    await proc.fail('unhealthy', ctx.graceMs, detail);
    return;
  }
  bus.emit({ type: 'health.passed', name: proc.name, target: target.description, at: clock.now() });
  proc.markHealthy(target.description);
  const threshold = target.check.failureThreshold ?? 1;
  let failures = 0;
  while (await clock.sleep(target.check.intervalMs, signal)) {
    if (!isThisRun('healthy')) return;
    const result = await probe();
    if (signal.aborted || !isThisRun('healthy')) return;
    if (result.ok) {
      if (failures > 0) {
        bus.emit({ type: 'health.passed', name: proc.name, target: target.description, at: clock.now() });
      }
      failures = 0;
      continue;
    }
    failures += 1;
    const count = threshold > 1 ? ` (${failures} of ${threshold} in a row)` : '';
    const detail = `liveness ${target.description} failed${count}: ${result.detail}`;
    bus.emit({
      type: 'health.failed',
      name: proc.name,
      target: target.description,
      detail,
      ...(threshold > 1 ? { consecutive: failures, threshold } : {}),
      at: clock.now(),
    });
    if (failures >= threshold) {
      await proc.fail('unhealthy', ctx.graceMs, detail);
      return;
    }
  }
}
