import type { Policy } from '../core/policy.js';

/**
 * The last line of defence (execa's cleanupOnExit): if the supervisor's own process exits while
 * trees are still known — a bug, an uncaught error — SIGKILL them synchronously on 'exit'.
 */
export const killOnExit: Policy = {
  attach(sup) {
    const handler = (): void => {
      for (const proc of sup.processes) proc.killNow();
    };
    process.on('exit', handler);
    return () => process.off('exit', handler);
  },
};
