import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createEventBus, type SupervisorEvent } from '../../../../src/supervisor/model/events.js';
import { BYTES_PER_MB, type TreeSample } from '../../../../src/supervisor/model/tree-sample.js';
import { failFast } from '../../../../src/supervisor/policies/fail-fast.js';
import { createMemoryLimit, MAX_FAILED_SAMPLES } from '../../../../src/supervisor/policies/memory-limit.js';
import { FAST_POLL_MS } from '../../../../src/supervisor/policies/memory-pace.js';
import { readiness } from '../../../../src/supervisor/health/readiness.js';
import { runSupervisor } from '../../../../src/supervisor/core/supervisor.js';
import { FakeClock, FakeSpawner, fakeSpec, fakeTreeFor } from '../../../helpers/fakes.js';

const INTERVAL_MS = 250;
const LIMIT = 64 * BYTES_PER_MB;
type Script = Array<number | 'fail'>;

/** hog (limited to 64 MB) and free (no limit), each sampled from its script, one entry per poll. */
function setup(
  scripts: { hog: Script; free: Script },
  readPss: (pids: readonly number[]) => number | null = () => null,
  lone = false,
) {
  const spawner = new FakeSpawner();
  const clock = new FakeClock();
  const bus = createEventBus();
  const polls = new Map<number, number>();
  const sampleOf = (pid: number): TreeSample | null => {
    const name = spawner.calls.find((c) => c.pid === pid)?.command as 'hog' | 'free';
    const poll = polls.get(pid) ?? 0;
    polls.set(pid, poll + 1);
    const entry = scripts[name][poll] ?? 1;
    if (entry === 'fail') throw new Error('EMFILE: too many open files');
    return { pids: lone ? [pid] : [pid, pid + 100], rssBytes: entry * BYTES_PER_MB };
  };
  const tree = fakeTreeFor(spawner, new Set(), sampleOf);
  const running = runSupervisor({
    readiness,
    specs: [fakeSpec('hog', { memoryLimitBytes: LIMIT }), fakeSpec('free')],
    deps: { spawner: spawner.spawn, clock, bus, openTree: tree.open },
    graceMs: 500,
    policies: [failFast, createMemoryLimit({ intervalMs: INTERVAL_MS, readPss })],
  });
  const poll = async (times: number): Promise<void> => {
    for (let i = 0; i < times; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(INTERVAL_MS);
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const events = (type: string): SupervisorEvent[] => bus.history.filter((e) => e.type === type);
  return { spawner, tree, running, poll, events, clock };
}

test('a tree over its limit is killed at once (SIGKILL, reason oom) with the figures; the run fails', async () => {
  const { running, poll, events, tree, spawner } = setup({ hog: [10, 65], free: [500, 500] });
  await poll(1);
  assert.deepEqual(events('memory.exceeded'), [], '10 MB of 64 MB: nothing happens');
  await poll(1);
  const outcome = await running;
  const hogPid = spawner.byCommand('hog').pid;
  assert.deepEqual(events('memory.exceeded'), [
    {
      type: 'memory.exceeded',
      name: 'hog',
      rssBytes: 65 * BYTES_PER_MB,
      pssBytes: null,
      limitBytes: LIMIT,
      pids: [hogPid, hogPid + 100],
      at: 2 * INTERVAL_MS,
    },
  ]);
  assert.deepEqual(tree.stops[0], { pid: hogPid, graceMs: 0 }, 'no grace for a memory kill');
  const hog = outcome.results.find((r) => r.name === 'hog');
  assert.equal(hog?.reason, 'oom');
  assert.equal(hog?.detail, 'hog exceeded its memory limit: 65 MB > 64 MB');
  assert.equal(hog?.peakRssBytes, 65 * BYTES_PER_MB);
  assert.equal(outcome.results.find((r) => r.name === 'free')?.peakRssBytes, 500 * BYTES_PER_MB);
  assert.equal(outcome.exitCode, 137);
});

test('a failed sample is an event, never a 0; a success resets the count', async () => {
  const { running, poll, events, spawner } = setup({
    hog: ['fail', 'fail', 5, 'fail', 'fail', 5],
    free: ['fail', 'fail', 'fail', 'fail', 'fail', 'fail'],
  });
  await poll(6);
  const counts = (name: string): number[] =>
    events('memory.sample_failed').flatMap((e) =>
      e.type === 'memory.sample_failed' && e.name === name ? [e.consecutive] : [],
    );
  assert.deepEqual(counts('hog'), [1, 2, 1, 2]);
  assert.deepEqual(counts('free'), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(events('process.killed'), [], 'an unlimited process is never killed for a failed sample');
  spawner.byCommand('free').exit({ kind: 'exit', exitCode: 0, signal: null });
  await running;
});

test(`${MAX_FAILED_SAMPLES} failed samples in a row kill a limited process: its limit never silently stops`, async () => {
  const { running, poll } = setup({ hog: ['fail', 'fail', 'fail'], free: [] });
  await poll(MAX_FAILED_SAMPLES);
  const outcome = await running;
  const hog = outcome.results.find((r) => r.name === 'hog');
  assert.equal(hog?.reason, 'oom');
  assert.equal(hog?.detail, `its memory could not be measured ${MAX_FAILED_SAMPLES} times in a row`);
  assert.equal(hog?.peakRssBytes, null, 'no figure was ever measured, so none is reported');
});

test('over by the RSS sum but not by PSS (a pre-fork tree sharing its pages): not killed, said once', async () => {
  const pssScript = [40, 50, 70];
  const reads: Array<readonly number[]> = [];
  const readPss = (pids: readonly number[]): number => {
    reads.push(pids);
    return (pssScript[reads.length - 1] ?? 70) * BYTES_PER_MB;
  };
  const { running, poll, events, spawner } = setup({ hog: [10, 600, 600, 600], free: [500] }, readPss);
  await poll(1);
  assert.equal(reads.length, 0, 'PSS is read only when the RSS sum is over the limit');
  await poll(2);
  assert.deepEqual(events('memory.exceeded'), []);
  const hogPid = spawner.byCommand('hog').pid;
  assert.deepEqual(events('memory.shared_below_limit'), [
    {
      type: 'memory.shared_below_limit',
      name: 'hog',
      rssBytes: 600 * BYTES_PER_MB,
      pssBytes: 40 * BYTES_PER_MB,
      limitBytes: LIMIT,
      at: 2 * INTERVAL_MS,
    },
  ]);
  await poll(1);
  const outcome = await running;
  assert.deepEqual(reads[0], [hogPid, hogPid + 100], 'the PSS of every member of the sampled tree');
  const hog = outcome.results.find((r) => r.name === 'hog');
  assert.equal(hog?.reason, 'oom');
  assert.equal(hog?.detail, 'hog exceeded its memory limit: 70 MB > 64 MB (PSS; RSS 600 MB)');
});

test('a slow sample never overlaps the next poll: the ticks it overran are skipped, the beat is kept', async () => {
  const spawner = new FakeSpawner();
  const clock = new FakeClock();
  const bus = createEventBus();
  const startedAt: number[] = [];
  let finish: (sample: TreeSample) => void = () => undefined;
  const tree = fakeTreeFor(spawner);
  const running = runSupervisor({
    readiness,
    specs: [fakeSpec('slow', { memoryLimitBytes: LIMIT })],
    deps: {
      spawner: spawner.spawn,
      clock,
      bus,
      openTree: (pid) => ({
        ...tree.open(pid),
        sample: () => {
          startedAt.push(clock.now());
          return new Promise<TreeSample>((resolve) => (finish = resolve));
        },
      }),
    },
    graceMs: 500,
    policies: [failFast, createMemoryLimit({ intervalMs: INTERVAL_MS, readPss: () => null })],
  });
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  await turn();
  clock.advance(INTERVAL_MS);
  await turn();
  assert.deepEqual(startedAt, [INTERVAL_MS], 'the first poll started');
  clock.advance(INTERVAL_MS * 2 + 100); // the sample takes 2.4 intervals
  await turn();
  assert.deepEqual(startedAt, [INTERVAL_MS], 'no second sample while the first is out');
  finish({ pids: [1000], rssBytes: BYTES_PER_MB });
  await turn();
  clock.advance(INTERVAL_MS - 100 - 1);
  await turn();
  assert.equal(startedAt.length, 1, 'not before the next beat');
  clock.advance(1);
  await turn();
  assert.deepEqual(startedAt, [INTERVAL_MS, INTERVAL_MS * 4], 'the next poll on the beat after the slow one');
  finish({ pids: [1000], rssBytes: BYTES_PER_MB });
  spawner.byCommand('slow').exit({ kind: 'exit', exitCode: 0, signal: null });
  await running;
});

test('a tree growing toward its limit is polled every FAST_POLL_MS and killed on the first sample over it', async () => {
  const { running, poll, events, clock } = setup({ hog: [10, 40, 50, 60, 70, 80], free: [] });
  await poll(2); // 10 MB, then 40: 24 MB of headroom at 0.12 MB/ms
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) {
    await turn();
    clock.advance(FAST_POLL_MS);
  }
  await turn();
  const outcome = await running;
  const exceeded = events('memory.exceeded');
  assert.equal(exceeded.length, 1);
  assert.equal(exceeded[0]?.type === 'memory.exceeded' && exceeded[0].rssBytes, 70 * BYTES_PER_MB);
  assert.equal(exceeded[0]?.at, 2 * INTERVAL_MS + 3 * FAST_POLL_MS, 'three fast polls after the second beat');
  assert.equal(outcome.exitCode, 137);
});

test('a lone process over its limit is killed on its RSS: no PSS read', async () => {
  const pssReads: Array<readonly number[]> = [];
  const readPss = (pids: readonly number[]): number => {
    pssReads.push(pids);
    return 40 * BYTES_PER_MB;
  };
  const { running, poll } = setup({ hog: [10, 80], free: [] }, readPss, true);
  await poll(2);
  const outcome = await running;
  assert.equal(pssReads.length, 0);
  const hog = outcome.results.find((r) => r.name === 'hog');
  assert.equal(hog?.detail, 'hog exceeded its memory limit: 80 MB > 64 MB');
});
