import type { EventBus } from '../events.js';
import type { ManagedProcess } from '../managed-process.js';

/** Resolves 'ready' when `proc` becomes healthy, 'aborted' if it ends first or `signal` aborts. */
export function waitForProcessHealthy(
  proc: ManagedProcess,
  bus: EventBus,
  signal: AbortSignal,
): Promise<'ready' | 'aborted'> {
  if (proc.state === 'healthy') return Promise.resolve('ready');
  return new Promise((resolve) => {
    const done = (outcome: 'ready' | 'aborted'): void => {
      off();
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => done('aborted');
    const off = bus.on((event) => {
      if (!('name' in event) || event.name !== proc.name) return;
      if (event.type === 'process.healthy') done('ready');
      else if (event.type === 'process.exited' || event.type === 'process.killed') done('aborted');
    });
    if (signal.aborted) done('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
