import type { EventBus } from '../model/events.js';
import type { ManagedProcess } from '../core/managed-process.js';

/**
 * Resolves 'ready' once `isReady(proc)` holds (checked now and at each of its events), 'aborted' if
 * it ends for good first (exited, killed) or `signal` aborts. A process that restarts goes through
 * `restarting`, not an end: it is waited for through its back-off.
 */
export function waitForProcess(
  proc: ManagedProcess,
  bus: EventBus,
  signal: AbortSignal,
  isReady: (proc: ManagedProcess) => boolean,
): Promise<'ready' | 'aborted'> {
  if (isReady(proc)) return Promise.resolve('ready');
  return new Promise((resolve) => {
    const done = (outcome: 'ready' | 'aborted'): void => {
      off();
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => done('aborted');
    const off = bus.on((event) => {
      if (!('name' in event) || event.name !== proc.name) return;
      if (event.type === 'process.exited' || event.type === 'process.killed') done('aborted');
      else if (isReady(proc)) done('ready');
    });
    if (signal.aborted) done('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves 'ready' when `proc` becomes healthy, 'aborted' if it ends first or `signal` aborts. */
export function waitForProcessHealthy(
  proc: ManagedProcess,
  bus: EventBus,
  signal: AbortSignal,
): Promise<'ready' | 'aborted'> {
  return waitForProcess(proc, bus, signal, (p) => p.state === 'healthy');
}
