// Fewer, larger reads while a child floods its output in small writes. A child's stdout is a unix
// socket (Node.js makes a socketpair for a 'pipe'), which holds only ~170 writes of a few bytes
// each (every write is a buffer of ~1.2 KB against a 208 KB limit). A supervisor that asks for more
// as soon as it has written a chunk out is woken for nearly every write: 500,000 lines of 80 bytes
// came in ~16,500 chunks, most of them one line, at ~35 µs of the supervisor's CPU each (the
// stream machinery on V8's capped tiers, an epoll wait, a read, a write). Waiting 0.1 ms before
// asking again, when the last chunk was small and was there as soon as asked, lets the child's
// next writes gather: ~7,000 chunks for the same lines, a third less CPU, the child never blocked
// by the wait (it fills its socket in ~0.2 ms at 76 MB/s, the fastest it was measured writing
// 80-byte lines). The wait is a sleep of the thread (Atomics.wait): event-loop timers cannot wait
// less than 1 ms, by when the child has filled its socket and blocks. It never comes after a
// chunk that the pipe did not have ready when asked (a child that writes now and then: its lines
// go out at once), and at most once in PACE_MS however many pipes flood.

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

/** The real clock: performance.now(), and a sleep that blocks the thread (never woken early). */
export const SYSTEM_CLOCK: PaceClock = {
  now: () => performance.now(),
  sleep: (ms) => void Atomics.wait(cell, 0, 0, ms),
  lastWaitEnd: Number.NEGATIVE_INFINITY,
};

export function createReadPace(clock: PaceClock = SYSTEM_CLOCK): ReadPace {
  let askedAt = Number.NEGATIVE_INFINITY;
  let flooding = false;
  return {
    asked() {
      askedAt = clock.now();
    },
    got(length) {
      flooding = length < PACE_BELOW_BYTES && clock.now() - askedAt < QUICK_MS;
      askedAt = Number.NEGATIVE_INFINITY;
    },
    beforeAsk() {
      if (!flooding) return;
      flooding = false;
      // another pipe waited a moment ago: this one's child wrote on meanwhile too
      if (clock.now() - clock.lastWaitEnd < PACE_MS) return;
      clock.sleep(PACE_MS);
      clock.lastWaitEnd = clock.now();
    },
  };
}
