// How soon a tree's memory is read again: at the resting interval while it cannot reach its limit
// before the next resting poll, faster as it nears it. Pure: each sample goes in, the wait comes out.

/** The interval of the polls of a tree that may reach its limit before the next resting poll. */
export const FAST_POLL_MS = 10;
/**
 * How long a growth rate once seen takes to count half: a tree that grows in steps (an allocator
 * asking for 20 MB at a time) shows no growth between two fast polls, and must stay watched until
 * its next step.
 */
export const RATE_HALF_LIFE_MS = 1_000;

/** What the policy keeps of a tree between two samples. */
export interface Pace {
  /** the run it belongs to: a restart starts a new pace */
  pid: number | null;
  rssBytes: number;
  atMs: number;
  /** the fastest recent growth, decayed by RATE_HALF_LIFE_MS; never negative */
  bytesPerMs: number;
}

/** The pace after a sample of `rssBytes` at `atMs` (`last`: the one before, null for a tree's first). */
export function toNextPace(last: Pace | null, pid: number | null, rssBytes: number, atMs: number): Pace {
  if (last === null || last.pid !== pid) return { pid, rssBytes, atMs, bytesPerMs: 0 };
  const elapsedMs = Math.max(1, atMs - last.atMs);
  const measured = Math.max(0, (rssBytes - last.rssBytes) / elapsedMs);
  const decayed = last.bytesPerMs * 0.5 ** (elapsedMs / RATE_HALF_LIFE_MS);
  return { pid, rssBytes, atMs, bytesPerMs: Math.max(measured, decayed) };
}

/**
 * Milliseconds until the tree's next sample. The resting interval, unless at its recent growth rate
 * the tree could cross its limit before the poll after next: then early enough that, by the time it
 * could cross before the next one, it is polled every FAST_POLL_MS (or at the resting interval, if
 * that is shorter). `chargedBytes`: the figure the limit is held to, when not the RSS sum (its PSS,
 * for a tree over its limit by the RSS sum only).
 */
export function toWaitMs(
  pace: Pace,
  limitBytes: number | null,
  restingMs: number,
  chargedBytes = pace.rssBytes,
): number {
  const fastMs = Math.min(FAST_POLL_MS, restingMs);
  if (limitBytes === null || pace.bytesPerMs <= 0) return restingMs;
  const headroom = Math.max(0, limitBytes - chargedBytes);
  const reachMs = headroom / pace.bytesPerMs;
  if (reachMs <= restingMs) return fastMs;
  return Math.min(restingMs, Math.max(fastMs, reachMs - restingMs));
}

/**
 * The most resting intervals a tree is left unread: one that has not run since its last read (a
 * `sleep`, a daemon waiting in `select`) cannot have touched a page, and reading it costs the
 * supervisor a wake and a read of it (npm run bench: CPU with 50 idle sidecars).
 */
export const MAX_REST_BEATS = 4;

/**
 * Beats (resting intervals) until a tree's next read, after a read at a beat whose wait
 * (toWaitMs) was the resting interval. `quiet`: nothing of the tree had run since the read before,
 * whose rest was `beats`. A quiet tree rests twice as long each time, up to MAX_REST_BEATS, while its
 * RSS is at most half its limit and its recent growth could not take it over within two such rests;
 * any other tree is read at the next beat.
 */
export function toRestBeats(
  beats: number,
  quiet: boolean,
  pace: Pace,
  limitBytes: number | null,
  restingMs: number,
): number {
  if (!quiet) return 1;
  const next = Math.min(MAX_REST_BEATS, beats * 2);
  if (limitBytes === null) return next;
  if (pace.rssBytes * 2 > limitBytes) return 1;
  return toWaitMs(pace, limitBytes, next * restingMs) >= next * restingMs ? next : 1;
}
