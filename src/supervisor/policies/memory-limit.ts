import { formatMb, isOverLimit, type TreeSample } from '../memory.js';
import type { ManagedProcess } from '../managed-process.js';
import type { Policy } from '../policy.js';
import { isLive } from '../state.js';

export const DEFAULT_MEMORY_INTERVAL_MS = 250;
/** Consecutive failed samples after which a limited process is killed: a limit never silently stops. */
export const MAX_FAILED_SAMPLES = 3;

/**
 * Every intervalMs, reads each live process's tree (the command and all its descendants) and sums
 * its RSS. Over its limit → log the figures and SIGKILL the tree at once, reason `oom` (as the
 * kernel's OOM killer would). A failed sample is an event, never a 0; MAX_FAILED_SAMPLES of them in
 * a row kill a limited process.
 */
export function createMemoryLimit(opts: { intervalMs: number }): Policy {
  return {
    attach(sup) {
      const abort = new AbortController();
      const failures = new Map<ManagedProcess, number>();

      const sample = (proc: ManagedProcess): TreeSample | null => {
        try {
          const result = proc.observe();
          failures.delete(proc);
          return result;
        } catch (error) {
          const consecutive = (failures.get(proc) ?? 0) + 1;
          failures.set(proc, consecutive);
          sup.bus.emit({
            type: 'memory.sample_failed',
            name: proc.name,
            error: String(error),
            consecutive,
            at: sup.clock.now(),
          });
          if (consecutive >= MAX_FAILED_SAMPLES && proc.spec.memoryLimitBytes !== null) {
            void proc.stop('oom', 0, `its memory could not be measured ${consecutive} times in a row`);
          }
          return null;
        }
      };

      const tick = (): void => {
        for (const proc of sup.processes) {
          if (!isLive(proc.state)) continue;
          const measured = sample(proc);
          const limitBytes = proc.spec.memoryLimitBytes;
          if (measured === null || limitBytes === null || !isOverLimit(measured.rssBytes, limitBytes))
            continue;
          const detail = `${proc.name} exceeded its memory limit: ${formatMb(measured.rssBytes)} > ${formatMb(limitBytes)}`;
          sup.bus.emit({
            type: 'memory.exceeded',
            name: proc.name,
            rssBytes: measured.rssBytes,
            limitBytes,
            pids: measured.pids,
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
