// Fewer, larger reads while a child floods its output in small writes. A child's stdout is a unix
// socket (Node.js makes a socketpair for a 'pipe'), which holds only ~170 writes of a few bytes
// each (every write is a buffer of ~1.2 KB against a 208 KB limit): 13,680 bytes of 80-byte lines.
// A supervisor that asks for more as soon as it has written a chunk out is woken for nearly every
// write: 500,000 lines of 80 bytes came in ~16,000-23,000 chunks, most of them one line, at ~35 µs
// of the supervisor's CPU each (the stream machinery on V8's capped tiers, an epoll wait, a read, a
// write), and the child found its socket full ~2,500 times (it waited for us). Waiting PACE_MS
// before asking again, when the last chunk was small and was there as soon as asked, lets the
// child's next writes gather: ~5,500-8,000 chunks of ~5 KB for the same lines, a third less CPU,
// and the socket found full ~200-300 times. The wait is shorter than the child takes to fill its
// socket (~0.2 ms at 76 MB/s, the fastest it was measured writing 80-byte lines). It is a sleep of
// the thread (Atomics.wait): event-loop timers cannot wait less than 1 ms, by when the child has
// filled its socket and blocks. It never comes after a chunk that the pipe did not have ready when
// asked (a child that writes now and then: its lines go out at once), and one wait serves every
// pipe whose chunk came before it (many flooding children: one wait, not one each).

import { monotonicMs } from '../../common/clock.js';

/** How long the supervisor waits before asking a flooding pipe for more. */
export const PACE_MS = 0.1;
/** A chunk this large or larger: the reads are large enough already (or the child waits for us). */
export const PACE_BELOW_BYTES = 16 * 1024;
/** A chunk that came within this long of the ask was waiting in the pipe: the child writes faster than we ask. */
export const QUICK_MS = 0.5;

export interface ReadPace {
  /** the pipe was asked for a chunk it did not have yet */
  asked(): void;
  /** a chunk of `length` bytes came */
  got(length: number): void;
  /** just before the pipe is asked again: waits PACE_MS if the last chunk says the child floods */
  beforeAsk(): void;
}

/** What the pace of all pipes shares: the clock, the sleep, and when the last wait ended. */
export interface PaceClock {
  now: () => number;
  sleep: (ms: number) => void;
  lastWaitEnd: number;
}

const cell = new Int32Array(new SharedArrayBuffer(4));
let canSleep = true;

/** Blocks the thread for `ms` (never woken early); where a runtime refuses that, does not wait. */
function sleep(ms: number): void {
  if (!canSleep) return;
  try {
    Atomics.wait(cell, 0, 0, ms);
  } catch {
    canSleep = false; // a runtime whose main thread may not block: reads as before, one by one
  }
}

/** The real clock: the monotonic one, and a sleep that blocks the thread. */
export const SYSTEM_CLOCK: PaceClock = {
  now: monotonicMs,
  sleep,
  lastWaitEnd: Number.NEGATIVE_INFINITY,
};

export function createReadPace(clock: PaceClock = SYSTEM_CLOCK): ReadPace {
  let askedAt = Number.NEGATIVE_INFINITY;
  let gotAt = Number.NEGATIVE_INFINITY;
  let flooding = false;
  return {
    asked() {
      askedAt = clock.now();
    },
    got(length) {
      gotAt = clock.now();
      flooding = length < PACE_BELOW_BYTES && gotAt - askedAt < QUICK_MS;
      askedAt = Number.NEGATIVE_INFINITY;
    },
    beforeAsk() {
      if (!flooding) return;
      flooding = false;
      // another pipe waited since this one's chunk came: this one's child wrote on meanwhile too
      if (clock.lastWaitEnd > gotAt) return;
      clock.sleep(PACE_MS);
      clock.lastWaitEnd = clock.now();
    },
  };
}
