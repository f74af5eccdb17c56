import type { Clock } from '../../common/clock.js';
import { SidecarError } from '../../common/errors.js';
import type { EventBus } from '../model/events.js';
import type { ManagedProcess } from '../core/managed-process.js';
import { waitForProcess } from './wait-for-process.js';

/** Healthy as `depends_on` means it: its own check passed, or running when it has none. */
export function isDependencyReady(proc: ManagedProcess): boolean {
  return proc.state === 'healthy' || (proc.state === 'running' && proc.spec.health === null);
}

/** Resolves 'ready' once `proc` is ready as a dependency (see isDependencyReady); see waitForProcess. */
export function waitForDependency(
  proc: ManagedProcess,
  bus: EventBus,
  signal: AbortSignal,
): Promise<'ready' | 'aborted'> {
  return waitForProcess(proc, bus, signal, isDependencyReady);
}

/** Resolves once `hold` has, or `signal` aborts: false then. */
function waitForHold(hold: () => Promise<void>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    void hold().then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(!signal.aborted);
    });
  });
}

/**
 * Waits for `proc`'s holdStart (it stays pending: a short hold, no gate of its own), then, in order,
 * for each of its `dependsOn` (marking it waiting if it still is pending), with a `gate.passed`
 * event per dependency. False when one ended for good or the stop came first.
 */
export async function passDependencies(
  proc: ManagedProcess,
  byName: ReadonlyMap<string, ManagedProcess>,
  ctx: { bus: EventBus; clock: Clock; signal: AbortSignal },
): Promise<boolean> {
  const { bus, clock, signal } = ctx;
  const { holdStart } = proc.spec;
  if (holdStart !== undefined && !(await waitForHold(holdStart, signal))) return false;
  for (const name of proc.spec.dependsOn ?? []) {
    const other = byName.get(name);
    if (other === undefined) throw new SidecarError('invariant', `${proc.name} depends on unknown ${name}`);
    if (isDependencyReady(other)) continue;
    if (proc.state === 'pending') proc.markWaiting(`${name} healthy`);
    const startedAt = clock.now();
    if ((await waitForDependency(other, bus, signal)) !== 'ready') return false;
    bus.emit({
      type: 'gate.passed',
      name: proc.name,
      target: `${name} healthy`,
      waitedMs: clock.now() - startedAt,
      at: clock.now(),
    });
  }
  return true;
}
