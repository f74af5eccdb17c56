import type { Policy } from '../core/policy.js';
import type { StopSignals } from '../core/stop-signals.js';

/**
 * SIGTERM/SIGINT/SIGHUP to the supervisor → graceful stop of every tree (SIGTERM whichever signal
 * came, SIGKILL after the grace period); result ABORTED. A signal that arrived before supervision started (see
 * stop-signals.ts) stops the run the moment this policy attaches, so nothing is spawned: attach
 * it after every other policy, so that they all see that stop. A second signal does not restart
 * the countdown; the stop already under way ends it.
 */
export function createForwardSignals(signals: StopSignals): Policy {
  return {
    attach(sup) {
      return signals.take((signal) => sup.requestStop({ kind: 'signal', signal }));
    },
  };
}
