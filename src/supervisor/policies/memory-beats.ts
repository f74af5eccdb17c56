// When the memory policy reads each tree. Beats come every resting interval; at a beat, the trees
// due are read, every one of them unless it has not run since its last read and rests (memory-pace.ts
// toRestBeats: every 2nd, then every 4th beat); a tree that could reach its limit before the next
// beat is read early, between the beats. One timer serves every tree and the escape sweep, and it
// wakes only when something is due: 50 idle sidecars cost one wake a second, not four (npm run
// bench: supervisor CPU with 50 sidecars).
import type { ManagedProcess } from '../core/managed-process.js';
import type { SupervisorHandle } from '../core/policy.js';
import { isLive } from '../model/state.js';
import type { TreeSample } from '../model/tree-sample.js';

/** Early polls due this close together are taken together (one wake of the timer). */
export const COALESCE_MS = 2;

/** What the schedule keeps of a tree: the beat of its next read, for which run, and its last read. */
interface Rest {
  pid: number | null;
  dueBeat: number;
  /** its rest in beats (1: read at every beat) */
  beats: number;
  /** what its last read gave: the very same object again means nothing of it ran since */
  sample: TreeSample | null;
}

export interface BeatSchedule {
  /** at a beat: whether the escape sweep is due (then it is taken to be done) */
  takeSweep(): boolean;
  /** is `proc` read in this poll (`beat`: at a beat, else an early poll at `now`) */
  isDue(proc: ManagedProcess, beat: boolean, now: number): boolean;
  /** the rest in beats of `proc`'s last read (1: none yet, or of another run) */
  restOf(proc: ManagedProcess): number;
  /** whether this read of `proc` found nothing of it had run since its last read */
  isQuiet(proc: ManagedProcess, sample: TreeSample | null): boolean;
  /**
   * After a read of `proc` at `at`: read it again in `waitMs` if that comes before the next beat,
   * else at the beat `restBeats` on (counted as multiples: resting trees share their beats).
   */
  plan(proc: ManagedProcess, sample: TreeSample | null, at: number, waitMs: number, restBeats: number): void;
}

/**
 * Runs `poll` at each beat and early poll until the returned detach is called (`sweepMs`: how
 * often the beats also sweep for escaped descendants, the first beat too); a poll never
 * overlaps the last one: a slow one (the portable path's `ps`) skips the beats it overran, and the
 * next one keeps to the beats. A process that starts a run is read at the next beat.
 */
export function startBeats(
  sup: SupervisorHandle,
  restingMs: number,
  sweepMs: number,
  poll: (beat: boolean, schedule: BeatSchedule) => Promise<void> | undefined,
): () => void {
  /** beats between two escape sweeps: theirs are multiples of it, as the resting trees' are */
  const sweepBeats = Math.max(1, Math.round(sweepMs / restingMs));
  let sweptBeat = -Infinity;
  const rests = new Map<ManagedProcess, Rest>();
  const early = new Map<ManagedProcess, number>();
  let beatNo = 0;
  /** when beat `beatNo` was due (attach time for beat 0) */
  let beatAt = sup.clock.now();

  const schedule: BeatSchedule = {
    takeSweep() {
      if (beatNo - sweptBeat < sweepBeats && beatNo % sweepBeats !== 0) return false;
      sweptBeat = beatNo;
      return true;
    },
    isDue(proc, beat, now) {
      if (!beat) return (early.get(proc) ?? Infinity) <= now + COALESCE_MS;
      const rest = rests.get(proc);
      return rest === undefined || rest.pid !== proc.pid || rest.dueBeat <= beatNo || early.has(proc);
    },
    restOf(proc) {
      const rest = rests.get(proc);
      return rest === undefined || rest.pid !== proc.pid ? 1 : rest.beats;
    },
    isQuiet(proc, sample) {
      const rest = rests.get(proc);
      return sample !== null && rest !== undefined && rest.pid === proc.pid && rest.sample === sample;
    },
    plan(proc, sample, at, waitMs, restBeats) {
      if (at + waitMs < beatAt + restingMs - COALESCE_MS) early.set(proc, at + waitMs);
      else early.delete(proc);
      const beats = Math.max(1, restBeats);
      const dueBeat = (Math.floor(beatNo / beats) + 1) * beats;
      const rest = rests.get(proc);
      if (rest === undefined) rests.set(proc, { pid: proc.pid, dueBeat, beats, sample });
      else Object.assign(rest, { pid: proc.pid, dueBeat, beats, sample });
    },
  };

  /** The next poll: the first early one, or the first beat at which a live tree is due. */
  const toNext = (now: number): { at: number; beat: number; beatTime: number } => {
    let earliest = Infinity;
    let beat = (Math.floor(beatNo / sweepBeats) + 1) * sweepBeats;
    for (const proc of sup.processes) {
      if (!isLive(proc.state)) {
        early.delete(proc);
        continue;
      }
      earliest = Math.min(earliest, early.get(proc) ?? Infinity);
      const rest = rests.get(proc);
      beat = Math.min(beat, rest === undefined || rest.pid !== proc.pid ? beatNo + 1 : rest.dueBeat);
    }
    beat = Math.max(beat, beatNo + 1);
    let beatTime = beatAt + (beat - beatNo) * restingMs;
    if (beatTime < now) {
      // overran (a slow poll, a busy event loop): the beats missed are skipped, not caught up
      const missed = Math.ceil((now - beatTime) / restingMs);
      beat += missed;
      beatTime += missed * restingMs;
    }
    return { at: Math.min(earliest, beatTime), beat, beatTime };
  };

  let detached = false;
  let nap: AbortController | null = null;
  let napUntil = -Infinity;
  // a run that starts while the trees rest is read at the next beat, not at theirs
  const unsubscribe = sup.bus.on((event) => {
    if (event.type === 'process.running' && napUntil > sup.clock.now() + restingMs) nap?.abort();
  });
  void (async () => {
    while (!detached) {
      const now = sup.clock.now();
      const next = toNext(now);
      nap = new AbortController();
      napUntil = next.at;
      const slept = await sup.clock.sleep(Math.max(0, next.at - now), nap.signal);
      nap = null;
      napUntil = -Infinity;
      if (detached) return;
      if (!slept) continue; // a run started: planned again
      const startedAt = sup.clock.now();
      const beat = startedAt >= next.beatTime;
      if (beat) {
        const missed = Math.floor((startedAt - next.beatTime) / restingMs);
        beatNo = next.beat + missed;
        beatAt = next.beatTime + missed * restingMs;
      }
      const polled = poll(beat, schedule);
      if (polled !== undefined) await polled;
    }
  })();
  return () => {
    detached = true;
    unsubscribe();
    nap?.abort();
  };
}
