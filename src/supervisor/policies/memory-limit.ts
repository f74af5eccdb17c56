import { formatMb, isOverLimit, toChildrenIndex } from '../memory.js';
import type { Policy } from '../policy.js';
import type { ProcessTable } from '../process-table.js';
import { isLive } from '../state.js';

export const DEFAULT_MEMORY_INTERVAL_MS = 250;
/** Consecutive failed samples after which a limited process is killed: a limit never silently stops. */
export const MAX_FAILED_SAMPLES = 3;

/**
 * Polls one snapshot of the process table every intervalMs and sums each live tree's RSS (the
 * command and all its descendants). Over its limit → log the figures and SIGKILL the tree at once,
 * reason `oom` (as the kernel's OOM killer would). A failed snapshot is an event, never a 0.
 */
export function createMemoryLimit(opts: { intervalMs: number; readTable: () => ProcessTable }): Policy {
  return {
    attach(sup) {
      const abort = new AbortController();
      let failures = 0;
      const tick = (): void => {
        const live = sup.processes.filter((proc) => isLive(proc.state));
        if (live.length === 0) return;
        let table: ProcessTable;
        try {
          table = opts.readTable();
          failures = 0;
        } catch (error) {
          failures += 1;
          for (const proc of live) {
            sup.bus.emit({
              type: 'memory.sample_failed',
              name: proc.name,
              error: String(error),
              consecutive: failures,
              at: sup.clock.now(),
            });
            if (failures >= MAX_FAILED_SAMPLES && proc.spec.memoryLimitBytes !== null) {
              void proc.stop('oom', 0, `its memory could not be measured ${failures} times in a row`);
            }
          }
          return;
        }
        const children = toChildrenIndex(table);
        for (const proc of live) {
          const sample = proc.observe(table, children);
          const limitBytes = proc.spec.memoryLimitBytes;
          if (sample === null || limitBytes === null || !isOverLimit(sample.rssBytes, limitBytes)) continue;
          const detail = `${proc.name} exceeded its memory limit: ${formatMb(sample.rssBytes)} > ${formatMb(limitBytes)}`;
          sup.bus.emit({
            type: 'memory.exceeded',
            name: proc.name,
            rssBytes: sample.rssBytes,
            limitBytes,
            pids: sample.pids,
            at: sup.clock.now(),
          });
          void proc.stop('oom', 0, detail);
        }
      };
      void (async () => {
        while (await sup.clock.sleep(opts.intervalMs, abort.signal)) tick();
      })();
      return () => abort.abort();
    },
  };
}
