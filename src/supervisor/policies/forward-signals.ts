import type { Policy } from '../policy.js';

export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * SIGTERM/SIGINT to the supervisor → graceful stop of every tree (SIGTERM, SIGKILL after the
 * grace period). A second signal does not restart the countdown; the stop already under way ends it.
 */
export const forwardSignals: Policy = {
  attach(sup) {
    const handlers = FORWARDED_SIGNALS.map((signal) => {
      const handler = (): void => sup.requestStop({ kind: 'signal', signal });
      process.on(signal, handler);
      return () => process.off(signal, handler);
    });
    return () => {
      for (const off of handlers) off();
    };
  },
};
