import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  FAST_POLL_MS,
  RATE_HALF_LIFE_MS,
  toNextPace,
  toWaitMs,
} from '../../../../src/supervisor/policies/memory-pace.js';

const MB = 1024 * 1024;
const REST = 250;

test('a tree seen once, or not growing, or with no limit, is polled at the resting interval', () => {
  const first = toNextPace(null, 7, 10 * MB, 0);
  assert.equal(first.bytesPerMs, 0);
  assert.equal(toWaitMs(first, 64 * MB, REST), REST);
  const flat = toNextPace(first, 7, 10 * MB, 250);
  assert.equal(toWaitMs(flat, 64 * MB, REST), REST);
  const growing = toNextPace(flat, 7, 60 * MB, 500);
  assert.equal(toWaitMs(growing, null, REST), REST, 'no limit: nothing to protect');
});

test('growth that could cross the limit before the next resting poll: polled every FAST_POLL_MS', () => {
  const a = toNextPace(null, 7, 10 * MB, 0);
  const b = toNextPace(a, 7, 40 * MB, 250); // 30 MB in 250 ms: 24 MB of headroom is 200 ms away
  assert.equal(toWaitMs(b, 64 * MB, REST), FAST_POLL_MS);
  assert.equal(toWaitMs(b, 64 * MB, 5), 5, 'never slower than a resting interval shorter than it');
});

test('growth that could cross within two resting polls: the next poll comes early, to be fast in time', () => {
  const a = toNextPace(null, 7, 10 * MB, 0);
  const b = toNextPace(a, 7, 20 * MB, 250); // 10 MB / 250 ms: 44 MB of headroom is 1,100 ms away
  assert.equal(toWaitMs(b, 64 * MB, REST), REST);
  const c = toNextPace(b, 7, 30 * MB, 500); // 34 MB: 850 ms away → wait 600 → capped at the resting 250
  assert.equal(toWaitMs(c, 64 * MB, REST), REST);
  const d = toNextPace(c, 7, 40 * MB, 750); // 24 MB: 600 ms away → 350 → 250; at 50 MB: 350 ms → 100
  assert.equal(toWaitMs(toNextPace(d, 7, 50 * MB, 1_000), 64 * MB, REST), 100);
});

test('a step allocator stays watched between its steps; the rate decays by half each RATE_HALF_LIFE_MS', () => {
  const a = toNextPace(null, 7, 40 * MB, 0);
  const b = toNextPace(a, 7, 60 * MB, 100); // a 20 MB step
  const c = toNextPace(b, 7, 60 * MB, 110); // no growth in the next 10 ms
  assert.ok(c.bytesPerMs > 0.9 * b.bytesPerMs);
  assert.equal(toWaitMs(c, 64 * MB, REST), FAST_POLL_MS);
  const later = toNextPace(b, 7, 60 * MB, 100 + RATE_HALF_LIFE_MS);
  assert.ok(Math.abs(later.bytesPerMs - b.bytesPerMs / 2) < 1e-9);
});

test('a restarted process (another pid) starts a new pace', () => {
  const a = toNextPace(null, 7, 10 * MB, 0);
  const b = toNextPace(a, 8, 60 * MB, 250);
  assert.equal(b.bytesPerMs, 0);
});

test('over its limit by the RSS sum only, the headroom is what the PSS leaves', () => {
  const a = toNextPace(null, 7, 600 * MB, 0);
  assert.equal(toWaitMs(toNextPace(a, 7, 600 * MB, 250), 64 * MB, REST, 40 * MB), REST, 'not growing: rests');
  const growing = toNextPace(a, 7, 610 * MB, 250); // 10 MB / 250 ms
  assert.equal(toWaitMs(growing, 64 * MB, REST, 40 * MB), REST, '24 MB of headroom: 600 ms away');
  assert.equal(toWaitMs(growing, 64 * MB, REST, 60 * MB), FAST_POLL_MS, '4 MB of headroom: 100 ms away');
});
