import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  createReadPace,
  PACE_BELOW_BYTES,
  PACE_MS,
  type PaceClock,
  QUICK_MS,
} from '../../../../src/supervisor/core/read-pace.js';

/** A clock whose time moves only when told (or by a sleep), and that counts the sleeps. */
function fakeClock(): PaceClock & { advance: (ms: number) => void; sleeps: number[] } {
  let now = 1_000;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    lastWaitEnd: Number.NEGATIVE_INFINITY,
    advance: (ms) => (now += ms),
    sleeps,
  };
}

test('a small chunk that was there as soon as asked: the next ask waits PACE_MS, once', () => {
  const clock = fakeClock();
  const pace = createReadPace(clock);
  pace.asked();
  clock.advance(0.02);
  pace.got(80);
  pace.beforeAsk();
  assert.deepEqual(clock.sleeps, [PACE_MS]);
  pace.beforeAsk();
  assert.deepEqual(clock.sleeps, [PACE_MS], 'one wait per chunk, never two');
});

test('a chunk the child wrote a while after the ask (it writes now and then): asked again at once', () => {
  const clock = fakeClock();
  const pace = createReadPace(clock);
  pace.asked();
  clock.advance(QUICK_MS);
  pace.got(80);
  pace.beforeAsk();
  assert.deepEqual(clock.sleeps, []);
});

test('a large chunk (the reads are large already, or the child waits for us): asked again at once', () => {
  const clock = fakeClock();
  const pace = createReadPace(clock);
  pace.asked();
  pace.got(PACE_BELOW_BYTES);
  pace.beforeAsk();
  assert.deepEqual(clock.sleeps, []);
});

test('a chunk that was not asked for (read ahead, or the first): never a wait', () => {
  const clock = fakeClock();
  const pace = createReadPace(clock);
  pace.got(80);
  pace.beforeAsk();
  assert.deepEqual(clock.sleeps, []);
});

test('a pipe that floods on waits before every ask, however soon after its last wait the chunk came', () => {
  const clock = fakeClock();
  const pace = createReadPace(clock);
  for (let round = 1; round <= 3; round++) {
    pace.asked();
    clock.advance(0.01);
    pace.got(4_000);
    pace.beforeAsk();
    assert.equal(clock.sleeps.length, round);
  }
});

test('many flooding pipes: one wait after their chunks came serves them all', () => {
  const clock = fakeClock();
  const paces = [createReadPace(clock), createReadPace(clock), createReadPace(clock)];
  for (const pace of paces) {
    pace.asked();
    pace.got(80);
  }
  for (const pace of paces) pace.beforeAsk();
  assert.deepEqual(clock.sleeps, [PACE_MS], 'the others asked right after the one wait');
  for (const pace of paces) {
    pace.asked();
    clock.advance(0.01);
    pace.got(80);
  }
  paces[1]?.beforeAsk();
  paces[2]?.beforeAsk();
  assert.deepEqual(clock.sleeps, [PACE_MS, PACE_MS], 'the next round waits again, once');
});

test('the real clock waits about PACE_MS (a blocking sleep, not a timer of at least 1 ms)', () => {
  const pace = createReadPace();
  pace.asked();
  pace.got(80);
  const t0 = performance.now();
  pace.beforeAsk();
  const waited = performance.now() - t0;
  assert.ok(waited >= PACE_MS * 0.9, `waited ${waited} ms`);
});
