import type { Clock } from '../../common/clock.js';
import type { EventBus } from '../events.js';
import type { ManagedProcess } from '../managed-process.js';
import { waitUntilHealthy } from './gate.js';
import { type HealthTarget, toProbe } from './probe.js';

/**
 * Readiness, then liveness, of a process's own health check (the platform's rules): healthy once
 * the probe passes within the check's timeout; afterwards one probe every interval, and the first
 * failure stops it with reason `unhealthy`.
 */
export async function watchHealth(
  proc: ManagedProcess,
  target: HealthTarget,
  ctx: { clock: Clock; bus: EventBus; signal: AbortSignal; graceMs: number },
): Promise<void> {
  const { clock, bus, signal } = ctx;
  const probe = toProbe(target);
  const ready = await waitUntilHealthy(probe, { timeoutMs: target.check.timeoutMs, clock, signal });
  if (ready.kind === 'aborted' || proc.state !== 'running') return;
  if (ready.kind === 'timeout') {
    const detail = `${target.description} did not pass within ${Math.round(ready.waitedMs / 1000)} s (last: ${ready.lastDetail})`;
    bus.emit({ type: 'health.failed', name: proc.name, target: target.description, detail, at: clock.now() });
    await proc.stop('unhealthy', ctx.graceMs, detail);
    return;
  }
  bus.emit({ type: 'health.passed', name: proc.name, target: target.description, at: clock.now() });
  proc.markHealthy(target.description);
  const isHealthy = (): boolean => proc.state === 'healthy';
  while (await clock.sleep(target.check.intervalMs, signal)) {
    if (!isHealthy()) return;
    const result = await probe();
    if (signal.aborted || !isHealthy()) return;
    if (!result.ok) {
      const detail = `liveness ${target.description} failed: ${result.detail}`;
      bus.emit({
        type: 'health.failed',
        name: proc.name,
        target: target.description,
        detail,
        at: clock.now(),
      });
      await proc.stop('unhealthy', ctx.graceMs, detail);
      return;
    }
  }
}
