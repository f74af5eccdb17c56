import type { ManagedProcess } from '../core/managed-process.js';
import type { Policy } from '../core/policy.js';
import { decideRestart } from './restart-budget.js';
import type { RestartBudget } from '../model/restart-decision.js';

/**
 * A sidecar's `restart` policy (never | on-failure | always, max_restarts, the back-off of
 * restart-budget.ts) and `sidecars restart NAME`. Each process gets a restart rule that decides,
 * as a run ends, whether it runs again; a process that is `restarting` waits out its back-off
 * here, its last run's leftovers are stopped, and the supervisor starts its next run. A stop of
 * the supervisor ends every back-off at once. Launch order is the supervisor's: this policy only
 * ever starts a process again.
 */
export const restartPolicy: Policy = {
  attach(sup) {
    const stopped = new AbortController();
    /** a back-off an operator's restart cuts short */
    const waits = new Map<ManagedProcess, AbortController>();
    const byName = new Map(sup.processes.map((proc) => [proc.name, proc]));

    for (const proc of sup.processes) {
      const policy = proc.spec.restart?.policy ?? 'never';
      let budget: RestartBudget = { used: 0, max: proc.spec.restart?.maxRestarts ?? 0 };
      proc.setRestartRule((end) => {
        if (sup.stopCause !== null) return { kind: 'final' };
        const decision = decideRestart(policy, budget, end);
        if (decision.kind !== 'final') budget = decision.budget;
        return decision;
      });
    }

    const backOffThenStart = async (proc: ManagedProcess, delayMs: number): Promise<void> => {
      const wait = new AbortController();
      waits.set(proc, wait);
      const cut = (): void => wait.abort();
      stopped.signal.addEventListener('abort', cut, { once: true });
      const waited = delayMs > 0 ? await sup.clock.sleep(delayMs, wait.signal) : true;
      stopped.signal.removeEventListener('abort', cut);
      waits.delete(proc);
      if (stopped.signal.aborted || proc.state !== 'restarting') return;
      await proc.stopTree(sup.graceMs); // what the run that ended left behind
      const cause = delayMs === 0 ? 'restarted at once' : `back-off of ${delayMs} ms over`;
      sup.relaunch(proc, waited ? cause : 'back-off cut short by an operator');
    };

    const off = sup.bus.on((event) => {
      // a reason of ours: abort() without one builds a DOMException, ~1.5 ms the first time (the
      // supervisor's stop, between a command's death and its exit)
      if (event.type === 'supervisor.stop_requested') stopped.abort('stopping');
      if (event.type === 'process.restarting') {
        const proc = byName.get(event.name);
        if (proc !== undefined) void backOffThenStart(proc, event.delayMs ?? 0);
      }
      if (event.type === 'restart.requested') {
        const proc = byName.get(event.name);
        if (proc === undefined) return;
        if (proc.state === 'restarting') waits.get(proc)?.abort();
        else void proc.restartNow(sup.graceMs);
      }
    });
    return () => {
      stopped.abort('detached');
      off();
    };
  },
};
