import type { Policy } from '../core/policy.js';

/** The platform's rule: when any process ends — any code, 0 included — everything is stopped. */
export const failFast: Policy = {
  attach(sup) {
    return sup.bus.on((event) => {
      if (event.type === 'process.exited' || event.type === 'process.killed') {
        sup.requestStop({ kind: 'process', name: event.name });
      }
    });
  },
};
