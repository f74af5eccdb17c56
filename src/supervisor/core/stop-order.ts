import type { Clock } from '../../common/clock.js';
import type { ManagedProcess } from './managed-process.js';
import type { AppEndWatch } from './process-deps.js';
import { isLive } from '../model/state.js';

/** Of the grace period, what a sidecar stopped last keeps for its own stop (SIGTERM to SIGKILL). */
export const LAST_STOP_RESERVE_MS = 2_000;

export interface StopOrderDeps {
  clock: Clock;
  graceMs: number;
  /** the app's end, for `stop: after_app` (by the app's port); absent: not waited for */
  appEnd: (port: number) => AppEndWatch | undefined;
}

/**
 * The staged stop (DESIGN §3): every process gets SIGTERM at once, except that a sidecar waits for
 * the sidecars that depend on it to end first (depends_on in reverse), and a `stop: after_app`
 * sidecar for the app to end — each only until the grace period is nearly spent (all but
 * LAST_STOP_RESERVE_MS, capped at half), so that the whole stop still fits in it.
 */
export function stopInOrder(processes: readonly ManagedProcess[], deps: StopOrderDeps): Promise<unknown> {
  const { clock, graceMs } = deps;
  const startedAt = clock.now();
  const reserveMs = Math.min(LAST_STOP_RESERVE_MS, Math.floor(graceMs / 2));
  const waitUntil = startedAt + graceMs - reserveMs;
  const done = new AbortController();
  const stopOne = async (proc: ManagedProcess): Promise<void> => {
    const waits: Promise<unknown>[] = processes
      .filter((other) => other.spec.dependsOn?.includes(proc.name) === true)
      .map((other) => other.ended);
    const afterApp = proc.spec.stopAfterApp;
    const watch = afterApp === undefined ? undefined : deps.appEnd(afterApp.port);
    if (watch !== undefined) waits.push(watch.ended(done.signal));
    if (waits.length > 0 && isLive(proc.state)) {
      const waitMs = Math.max(0, waitUntil - clock.now());
      await Promise.race([Promise.all(waits), clock.sleep(waitMs, done.signal)]);
    }
    await proc.stop('stopped', Math.max(startedAt + graceMs - clock.now(), reserveMs));
  };
  // a reason of ours: no DOMException to build on the way to the exit code
  return Promise.all(processes.map((proc) => stopOne(proc))).finally(() => done.abort('stopped'));
}
