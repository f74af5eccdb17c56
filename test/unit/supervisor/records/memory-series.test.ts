import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  addMemorySample,
  createMemorySeries,
  MAX_MEMORY_POINTS,
  type MemorySeries,
  toMergedPoints,
  toPeakRss,
} from '../../../../src/supervisor/records/memory-series.js';

const MB = 1024 * 1024;
const T0 = 1_795_310_000_000;

function isAligned(series: MemorySeries): boolean {
  return series.points.every(([start]) => start % series.bucket_ms === 0);
}

test('samples in one bucket merge into one point that keeps the maxima; a new bucket is a new point', () => {
  const series = createMemorySeries(1_000, 64 * MB);
  addMemorySample(series, T0 + 10, 10 * MB, null);
  addMemorySample(series, T0 + 900, 30 * MB, null);
  addMemorySample(series, T0 + 950, 20 * MB, 25 * MB);
  addMemorySample(series, T0 + 1_000, 5 * MB, null);
  assert.deepEqual(series, {
    limit_bytes: 64 * MB,
    bucket_ms: 1_000,
    points: [
      [T0, 30 * MB, 25 * MB],
      [T0 + 1_000, 5 * MB, null],
    ],
  });
});

test('a sample below the maxima of the last bucket changes nothing, and says so', () => {
  const series = createMemorySeries(1_000, null);
  assert.equal(addMemorySample(series, T0, 10, null), true);
  assert.equal(addMemorySample(series, T0 + 100, 9, null), false);
  assert.equal(addMemorySample(series, T0 + 200, 10, 4), true);
  assert.equal(addMemorySample(series, T0 + 300, 11, null), true);
  assert.equal(addMemorySample(series, T0 + 1_000, 1, null), true);
  assert.deepEqual(series.points, [
    [T0, 11, 4],
    [T0 + 1_000, 1, null],
  ]);
});

test('a sample whose clock stepped back merges into the last point', () => {
  const series = createMemorySeries(1_000, null);
  addMemorySample(series, T0 + 5_000, 1, null);
  addMemorySample(series, T0 + 2_000, 7, 3);
  assert.deepEqual(series.points, [[T0 + 5_000, 7, 3]]);
});

test('toMergedPoints: neighbours in one wider bucket become one, keeping each maximum and the bucket start', () => {
  assert.deepEqual(
    toMergedPoints(
      [
        [0, 5, null],
        [1_000, 9, 4],
        [3_000, 2, null],
        [6_000, 1, 1],
      ],
      2_000,
    ),
    [
      [0, 9, 4],
      [2_000, 2, null],
      [6_000, 1, 1],
    ],
  );
});

test('a 24 h run at 1 s polls keeps at most 2,000 points, aligned buckets, and its true peak', () => {
  const series = createMemorySeries(1_000, 512 * MB);
  let truePeak = 0;
  let peakAt = 0;
  const samples = 24 * 3_600;
  for (let i = 0; i < samples; i++) {
    // a saw-tooth with noise, one spike at an odd second
    const rss = 100 * MB + ((i * 7_919) % 50) * MB + (i === 51_237 ? 400 * MB : 0);
    if (rss > truePeak) {
      truePeak = rss;
      peakAt = T0 + i * 1_000;
    }
    addMemorySample(series, T0 + i * 1_000, rss, null);
    assert.ok(series.points.length <= MAX_MEMORY_POINTS);
  }
  assert.ok(series.points.length <= MAX_MEMORY_POINTS, `${series.points.length} points`);
  assert.ok(series.points.length > MAX_MEMORY_POINTS / 2, 'no coarser than it must be');
  assert.equal(toPeakRss(series), truePeak);
  assert.equal(series.bucket_ms, 64_000, 'doubled 6 times: 86,400 s / 64 s = 1,350 points');
  assert.ok(isAligned(series));
  const peakPoint = series.points.find(([, rss]) => rss === truePeak);
  assert.ok(peakPoint !== undefined && peakPoint[0] <= peakAt && peakAt < peakPoint[0] + series.bucket_ms);
});

test('a single spike survives any number of merges, with its PSS', () => {
  const series = createMemorySeries(250, 64 * MB);
  addMemorySample(series, T0 + 37 * 250, 90 * MB, 70 * MB);
  for (let i = 38; i < 200_000; i++) addMemorySample(series, T0 + i * 250, 10 * MB, null);
  assert.equal(toPeakRss(series), 90 * MB);
  assert.deepEqual(
    series.points.filter(([, rss]) => rss === 90 * MB).map(([, , pss]) => pss),
    [70 * MB],
  );
  for (const maxPoints of [1, 2, 3, 10]) {
    const small = createMemorySeries(250, null);
    for (let i = 0; i < 5_000; i++)
      addMemorySample(small, T0 + i * 250, i === 4_321 ? 99 : 1, null, maxPoints);
    assert.ok(small.points.length <= maxPoints, `${maxPoints}: ${small.points.length}`);
    assert.equal(toPeakRss(small), 99, `max ${maxPoints} points`);
  }
});

test('sparse points (a process that ran now and then) still fit: the buckets widen until they merge', () => {
  const series = createMemorySeries(1_000, null);
  for (let i = 0; i < 3_000; i++) addMemorySample(series, T0 + i * 3_600_000, i, null);
  assert.ok(series.points.length <= MAX_MEMORY_POINTS);
  assert.equal(toPeakRss(series), 2_999);
});
