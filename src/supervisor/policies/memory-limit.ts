import { formatBreach, isOverLimit } from '../proc/memory.js';
import type { TreeSample } from '../model/tree-sample.js';
import type { ManagedProcess } from '../core/managed-process.js';
import type { Policy } from '../core/policy.js';
import { isLive } from '../model/state.js';

export const DEFAULT_MEMORY_INTERVAL_MS = 250;
/** Consecutive failed samples after which a limited process is killed: a limit never silently stops. */
export const MAX_FAILED_SAMPLES = 3;
/**
 * How often the polls also look for descendants that detached from their tree (a sweep of /proc
 * for our environment token): slower than the polls, which read only the trees (npm run bench:
 * supervisor CPU with 50 sidecars).
 */
export const ESCAPE_SWEEP_MS = 1_000;

/**
 * Every intervalMs, reads each live process's tree (the command and all its descendants) and sums
 * its RSS. Over its limit, the tree's PSS confirms the breach (a page its members share is charged
 * once by the container's cgroup, and counted once per member by the RSS sum); confirmed → log both
 * figures and SIGKILL the tree at once, reason `oom` (as the kernel's OOM killer would). A failed sample is an event, never a 0; MAX_FAILED_SAMPLES of them in
 * a row kill a limited process.
 */
export function createMemoryLimit(opts: {
  intervalMs: number;
  /** a tree's summed PSS (null: unreadable), read only to confirm a breach of the RSS sum */
  readPss: (pids: readonly number[]) => number | null;
  /**
   * each sample as the poll took it (the run records' memory series): no read of its own; PSS only
   * when the poll read it (over the limit), else null
   */
  onSample?: (name: string, atMs: number, rssBytes: number, pssBytes: number | null) => void;
}): Policy {
  return {
    attach(sup) {
      const abort = new AbortController();
      const failures = new Map<ManagedProcess, number>();
      const shared = new Set<ManagedProcess>();

      const sample = async (proc: ManagedProcess): Promise<TreeSample | null> => {
        try {
          const result = await proc.observe();
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
            void proc.fail('oom', 0, `its memory could not be measured ${consecutive} times in a row`);
          }
          return null;
        }
      };

      const enforce = (proc: ManagedProcess, measured: TreeSample | null): void => {
        if (measured === null) return;
        const limitBytes = proc.spec.memoryLimitBytes;
        const over = limitBytes !== null && isOverLimit(measured.rssBytes, limitBytes);
        const { rssBytes, pids } = measured;
        const pssBytes = over ? opts.readPss(pids) : null;
        opts.onSample?.(proc.name, sup.clock.now(), rssBytes, pssBytes);
        if (!over || limitBytes === null) return;
        if (pssBytes !== null && !isOverLimit(pssBytes, limitBytes)) {
          if (!shared.has(proc)) {
            shared.add(proc); // said once per process: a pre-fork server stays over its RSS sum
            sup.bus.emit({
              type: 'memory.shared_below_limit',
              name: proc.name,
              rssBytes,
              pssBytes,
              limitBytes,
              at: sup.clock.now(),
            });
          }
          return;
        }
        const detail = `${proc.name} exceeded its memory limit: ${formatBreach(rssBytes, pssBytes, limitBytes)}`;
        sup.bus.emit({
          type: 'memory.exceeded',
          name: proc.name,
          rssBytes,
          pssBytes,
          limitBytes,
          pids,
          at: sup.clock.now(),
        });
        void proc.fail('oom', 0, detail);
      };

      // the first sweep comes with the first poll: it reads every process once, so that a stop, which
      // sweeps too, reads only what is new since (npm run bench: command exit → run exit)
      let sweptAt = -Infinity;
      /** One poll: every live tree is read at once (the portable path lists every process once for all). */
      const tick = async (): Promise<void> => {
        if (sup.clock.now() - sweptAt >= ESCAPE_SWEEP_MS) {
          sweptAt = sup.clock.now();
          sup.findEscaped();
        }
        const live = sup.processes.filter((proc) => isLive(proc.state));
        const samples = await Promise.all(live.map(sample));
        if (abort.signal.aborted) return;
        live.forEach((proc, i) => {
          if (isLive(proc.state)) enforce(proc, samples[i] ?? null);
        });
      };
      // a poll never overlaps the last one: a slow one (the portable path's `ps`) skips the ticks it
      // overran, and the next one keeps to the interval's beat
      void (async () => {
        let waitMs = opts.intervalMs;
        while (await sup.clock.sleep(waitMs, abort.signal)) {
          const startedAt = sup.clock.now();
          await tick();
          waitMs = opts.intervalMs - ((sup.clock.now() - startedAt) % opts.intervalMs);
        }
      })();
      return () => abort.abort();
    },
  };
}
