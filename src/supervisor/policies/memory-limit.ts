import { formatBreach, isOverLimit } from '../proc/memory.js';
import type { TreeSample } from '../model/tree-sample.js';
import type { ManagedProcess } from '../core/managed-process.js';
import type { Policy } from '../core/policy.js';
import { isLive } from '../model/state.js';
import { type BeatSchedule, startBeats } from './memory-beats.js';
import { type Pace, toNextPace, toRestBeats, toWaitMs } from './memory-pace.js';

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
 * Reads each live process's tree (the command and all its descendants) and sums its RSS: every
 * intervalMs at rest, every FAST_POLL_MS for a tree that its recent growth could take over its
 * limit before the next resting poll (memory-pace.ts); a tree that has not run at all since its
 * last read, at most half its limit, rests up to MAX_REST_BEATS intervals between reads. One timer
 * serves every tree and the escape sweep (memory-beats.ts). Over its limit, a tree is killed at once (SIGKILL, reason `oom`, as the kernel's OOM killer
 * would) on that first sample, unless its RSS over-counts what the container is charged: a page
 * the members of a tree share (copy-on-write after a fork: a pre-fork server) is charged once, and
 * counted once per member by the RSS sum, so a tree of several processes has its PSS confirm the
 * breach. A lone process is judged by its RSS: what it can share is only file pages (its binary,
 * its libraries) with processes outside its tree, charged once to the container whoever maps
 * them, and its RSS is the figure `ps`, `top` and the platform report for it. Log both figures. A
 * failed sample is an event, never a 0; MAX_FAILED_SAMPLES of them in a row kill a limited process.
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
  const restingMs = opts.intervalMs;
  return {
    attach(sup) {
      const failures = new Map<ManagedProcess, number>();
      const shared = new Set<ManagedProcess>();
      const paces = new Map<ManagedProcess, Pace>();
      /** what a tree's RSS sum over-counted at its last PSS read (its pid: that run's) */
      const discounts = new Map<ManagedProcess, { pid: number | null; bytes: number }>();
      let detached = false;
      /** a read since the last sweep found a tree that had run (or could not tell), or a run began or ended */
      let stirred = true;
      const unsubscribe = sup.bus.on((event) => {
        if (event.type.startsWith('process.')) stirred = true;
      });

      /** A failed read: an event, never a 0; MAX_FAILED_SAMPLES in a row kill a limited process. */
      const failed = (proc: ManagedProcess, error: unknown): null => {
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
      };

      /**
       * Judges a sample; returns the wait until the tree's next one. Over its limit by the RSS sum,
       * a tree's PSS decides; between two beats, a tree whose last PSS read put it under its limit
       * is judged by its RSS less what its shared pages counted then (a fast poll of a node sidecar
       * over by the runtime's pages it shares must not walk its mappings every FAST_POLL_MS).
       */
      const enforce = (proc: ManagedProcess, measured: TreeSample | null, beat: boolean): number => {
        if (measured === null) return restingMs;
        const limitBytes = proc.spec.memoryLimitBytes;
        const { rssBytes, pids } = measured;
        const over = limitBytes !== null && isOverLimit(rssBytes, limitBytes);
        const shares = discounts.get(proc);
        const discount = shares !== undefined && shares.pid === proc.pid ? shares.bytes : null;
        const estimated = !beat && discount !== null ? rssBytes - discount : null;
        const pssBytes =
          !over || pids.length === 1 || (estimated !== null && !isOverLimit(estimated, limitBytes))
            ? null
            : opts.readPss(pids);
        const now = sup.clock.now();
        opts.onSample?.(proc.name, now, rssBytes, pssBytes);
        const pace = toNextPace(paces.get(proc) ?? null, proc.pid, rssBytes, now);
        paces.set(proc, pace);
        if (pssBytes !== null) discounts.set(proc, { pid: proc.pid, bytes: rssBytes - pssBytes });
        if (!over || limitBytes === null) return toWaitMs(pace, limitBytes, restingMs);
        if (pssBytes === null && estimated !== null && !isOverLimit(estimated, limitBytes)) {
          return toWaitMs(pace, limitBytes, restingMs, estimated);
        }
        if (pssBytes !== null && !isOverLimit(pssBytes, limitBytes)) {
          if (!shared.has(proc)) {
            shared.add(proc); // said once per process: a pre-fork server stays over its RSS sum
            sup.bus.emit({
              type: 'memory.shared_below_limit',
              name: proc.name,
              rssBytes,
              pssBytes,
              limitBytes,
              at: now,
            });
          }
          return toWaitMs(pace, limitBytes, restingMs, pssBytes);
        }
        const detail = `${proc.name} exceeded its memory limit: ${formatBreach(rssBytes, pssBytes, limitBytes)}`;
        sup.bus.emit({
          type: 'memory.exceeded',
          name: proc.name,
          rssBytes,
          pssBytes,
          limitBytes,
          pids,
          at: now,
        });
        void proc.fail('oom', 0, detail);
        return restingMs;
      };

      /** After a read: judged, and when the tree is read next (a quiet one far below its limit rests). */
      const settle = (
        proc: ManagedProcess,
        sample: TreeSample | null,
        beat: boolean,
        at: BeatSchedule,
      ): void => {
        const waitMs = enforce(proc, sample, beat);
        const quiet = at.isQuiet(proc, sample);
        if (!quiet) stirred = true;
        const pace = paces.get(proc);
        const rests =
          beat && waitMs >= restingMs && pace !== undefined && isLive(proc.state)
            ? toRestBeats(at.restOf(proc), quiet, pace, proc.spec.memoryLimitBytes, restingMs)
            : 1;
        at.plan(proc, sample, sup.clock.now(), waitMs, rests);
      };

      /**
       * One poll of the trees due (on a beat: every live tree but those that rest). Synchronous
       * where the trees are read so (the /proc path): no promise, no closure per tree.
       */
      const poll = (beat: boolean, at: BeatSchedule): Promise<void> | undefined => {
        // the first sweep comes with the first poll: it reads what was born since the sweep was made
        // (what ran before is never read: token-listing.ts), so that a stop, which sweeps too, reads
        // only what is new since (npm run bench: command exit → run exit). A later one reads nothing
        // while no read since the last found a tree that had run and no run began or ended: nothing
        // of theirs can have forked (this beat's reads, after it, tell the next sweep)
        if (beat && at.takeSweep()) {
          sup.findEscaped(!stirred);
          stirred = false;
        }
        const now = sup.clock.now();
        let reads: Array<[ManagedProcess, Promise<TreeSample | null>]> | undefined;
        for (const proc of sup.processes) {
          if (!isLive(proc.state) || !at.isDue(proc, beat, now)) continue;
          let sample: TreeSample | null | Promise<TreeSample | null>;
          try {
            sample = proc.observe();
            if (!(sample instanceof Promise)) failures.delete(proc);
          } catch (error) {
            sample = failed(proc, error);
          }
          if (sample instanceof Promise) (reads ??= []).push([proc, sample]);
          else settle(proc, sample, beat, at);
        }
        if (reads === undefined) return undefined;
        const pending = reads;
        const sampled = pending.map(([proc, read]) =>
          read.then(
            (sample) => {
              failures.delete(proc);
              return sample;
            },
            (error: unknown) => failed(proc, error),
          ),
        );
        stirred = true; // read on the portable path: whether they ran is not known
        return Promise.all(sampled).then((samples) => {
          if (detached) return;
          pending.forEach(([proc], i) => {
            if (isLive(proc.state)) settle(proc, samples[i] ?? null, beat, at);
            else at.plan(proc, null, sup.clock.now(), restingMs, 1);
          });
        });
      };
      const stop = startBeats(sup, restingMs, ESCAPE_SWEEP_MS, poll);
      return () => {
        detached = true;
        unsubscribe();
        stop();
      };
    },
  };
}
