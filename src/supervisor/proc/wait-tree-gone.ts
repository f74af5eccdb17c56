import type { Clock } from '../../common/clock.js';
import { mayBeAlive, type TreeTracker } from './tree-tracker.js';

/** How often a stopping tree is checked: fast at first (most trees die at once), then slower. */
export const STOP_POLL_FAST_MS = 2;
export const STOP_POLL_MS = 25;
const FAST_POLL_WINDOW_MS = 100;
/** after SIGKILL, how long to wait for the kernel to finish the tree before giving up */
export const KILL_SETTLE_MS = 2_000;

/**
 * Waits until the tree is gone; false when `ms` ran out first. Each poll first asks the kernel with
 * kill(…, 0), which costs a syscall per known pid and group; only while something is still there
 * does it read the tree (`isAliveNow`, at most every STOP_POLL_MS, the first time after one) to
 * tell a live process from a zombie that waits to be reaped. The root's exit (Node.js has reaped
 * it) cuts the first wait short: a tree that was only its root is then seen gone at once, not a
 * poll later.
 */
export async function waitTreeGone(
  tracker: TreeTracker,
  isAliveNow: () => boolean | Promise<boolean>,
  ms: number,
  clock: Clock,
  rootExited: Promise<unknown> | null,
): Promise<boolean> {
  const startedAt = clock.now();
  let readAt = startedAt;
  let wake = rootExited;
  for (;;) {
    if (!mayBeAlive(tracker)) return true;
    if (clock.now() - readAt >= STOP_POLL_MS) {
      readAt = clock.now();
      if (!(await isAliveNow())) return true;
    }
    const elapsed = clock.now() - startedAt;
    if (elapsed >= ms) return false;
    const pollMs = Math.min(elapsed < FAST_POLL_WINDOW_MS ? STOP_POLL_FAST_MS : STOP_POLL_MS, ms - elapsed);
    if (wake === null) {
      await clock.sleep(pollMs);
    } else {
      const nap = new AbortController();
      const slept = await Promise.race([clock.sleep(pollMs, nap.signal), wake.then(() => false)]);
      if (!slept) {
        nap.abort('woken'); // no timer left behind to hold the event loop
        wake = null;
      }
    }
  }
}
