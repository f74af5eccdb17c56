// Trees that have not run since their last read rest between polls (memory-pace.ts toRestBeats,
// memory-beats.ts): what is read when, with trees whose samples are synchronous, as on /proc.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import type { TreeControl } from '../../../../src/supervisor/core/process-deps.js';
import { createEventBus } from '../../../../src/supervisor/model/events.js';
import { BYTES_PER_MB, type TreeSample } from '../../../../src/supervisor/model/tree-sample.js';
import { failFast } from '../../../../src/supervisor/policies/fail-fast.js';
import { createMemoryLimit } from '../../../../src/supervisor/policies/memory-limit.js';
import { MAX_REST_BEATS, toNextPace, toRestBeats } from '../../../../src/supervisor/policies/memory-pace.js';
import { restartPolicy } from '../../../../src/supervisor/policies/restart.js';
import { readiness } from '../../../../src/supervisor/health/readiness.js';
import { runSupervisor } from '../../../../src/supervisor/core/supervisor.js';
import { FakeClock, FakeSpawner, fakeSpec, fakeTreeFor } from '../../../helpers/fakes.js';

const MB = BYTES_PER_MB;
const REST = 250;
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a quiet tree far below its limit rests 2, then 4 beats; any other is read at the next beat', () => {
  const flat = toNextPace(toNextPace(null, 7, 4 * MB, 0), 7, 4 * MB, REST);
  assert.equal(toRestBeats(1, true, flat, 64 * MB, REST), 2);
  assert.equal(toRestBeats(2, true, flat, 64 * MB, REST), 4);
  assert.equal(toRestBeats(4, true, flat, 64 * MB, REST), MAX_REST_BEATS);
  assert.equal(toRestBeats(4, false, flat, 64 * MB, REST), 1, 'it ran: every beat again');
  assert.equal(toRestBeats(2, true, flat, null, REST), 4, 'no limit: rests too');
  const high = toNextPace(toNextPace(null, 7, 40 * MB, 0), 7, 40 * MB, REST);
  assert.equal(toRestBeats(2, true, high, 64 * MB, REST), 1, 'over half its limit: every beat');
  // grew 10 MB in 250 ms a beat ago: at that pace (halved each second), two rests of 4 beats could
  // take it from 20 MB over 64 MB, two of 2 could not
  const grew = toNextPace(toNextPace(null, 7, 10 * MB, 0), 7, 20 * MB, REST);
  const since = toNextPace(grew, 7, 20 * MB, 2 * REST);
  assert.equal(toRestBeats(1, true, since, 64 * MB, REST), 2);
  assert.equal(toRestBeats(2, true, since, 64 * MB, REST), 1);
});

/**
 * `quiet` and `busy` (64 MB limits) on trees read synchronously: quiet's sample is the very same
 * object at every read (nothing of it ran), busy's a new one; `agent` restarts when it exits.
 */
function setup(quietMb = 4, names: readonly string[] = ['quiet', 'busy', 'agent']) {
  const spawner = new FakeSpawner();
  const clock = new FakeClock();
  const bus = createEventBus();
  const reads = new Map<string, number[]>();
  const sweeps: boolean[] = [];
  const samples = new Map<number, TreeSample>();
  const fake = fakeTreeFor(spawner);
  const openTree = (pid: number): TreeControl => ({
    ...fake.open(pid),
    sample: () => {
      const name = spawner.calls.find((c) => c.pid === pid)?.command ?? '?';
      reads.set(name, [...(reads.get(name) ?? []), clock.now()]);
      const last = samples.get(pid);
      if (last !== undefined && name !== 'busy') return last;
      const sample = { pids: [pid], rssBytes: (name === 'quiet' ? quietMb : 4) * MB };
      samples.set(pid, sample);
      return sample;
    },
  });
  const limit = { memoryLimitBytes: 64 * MB };
  const running = runSupervisor({
    readiness,
    specs: names.map((name) =>
      fakeSpec(
        name,
        name === 'agent' ? { ...limit, restart: { policy: 'on-failure', maxRestarts: 5 } } : limit,
      ),
    ),
    deps: {
      spawner: spawner.spawn,
      clock,
      bus,
      openTree,
      findEscaped: (quiet) => sweeps.push(quiet === true),
    },
    graceMs: 500,
    policies: [failFast, restartPolicy, createMemoryLimit({ intervalMs: REST, readPss: () => null })],
  });
  const advance = async (ms: number): Promise<void> => {
    for (let at = 0; at < ms; at += 50) {
      await flush();
      clock.advance(50);
    }
    await flush();
  };
  const stop = async (): Promise<void> => {
    for (const child of spawner.calls) child.exit({ kind: 'exit', exitCode: 0, signal: null });
    await flush();
    await advance(1_000);
    await running;
  };
  return { spawner, clock, reads, sweeps, advance, stop };
}

test('a tree that has not run rests (read at 250, 500, 1000, then each second); one that ran is read at every beat', async () => {
  const { reads, advance, stop } = setup();
  await advance(4_000);
  assert.deepEqual(reads.get('quiet'), [250, 500, 1_000, 2_000, 3_000, 4_000]);
  assert.deepEqual(
    reads.get('busy'),
    Array.from({ length: 16 }, (_, i) => (i + 1) * REST),
  );
  await stop();
});

test('a quiet tree over half its limit is read at every beat', async () => {
  const { reads, advance, stop } = setup(40);
  await advance(2_000);
  assert.equal(reads.get('quiet')?.length, 8);
  await stop();
});

test('a run that starts while every tree rests is read at the next beat, not at theirs', async () => {
  const { spawner, reads, advance, stop } = setup(4, ['quiet', 'agent']);
  await advance(2_100);
  spawner.byCommand('agent').exit({ kind: 'exit', exitCode: 3, signal: null }); // again at 3,100
  await advance(1_400);
  assert.equal(spawner.calls.filter((c) => c.command === 'agent').length, 2, 'restarted');
  // quiet rests from 3,000 to 4,000; the new run is read at the first beat after its start, 3,250,
  // then rests (not at 4,000, when the timer would have woken next)
  assert.deepEqual(reads.get('quiet'), [250, 500, 1_000, 2_000, 3_000]);
  assert.deepEqual(reads.get('agent'), [250, 500, 1_000, 2_000, 3_250, 3_500]);
  await stop();
});

test('the sweep reads nothing while no read since the last found a tree that had run', async () => {
  const idle = setup(4, ['quiet', 'agent']);
  await idle.advance(1_000);
  assert.deepEqual(idle.sweeps, [false, false], 'the first reads of each run count as having run');
  await idle.advance(2_000);
  assert.deepEqual(idle.sweeps.slice(2), [true, true]);
  await idle.stop();
  const busy = setup();
  await busy.advance(3_000);
  assert.deepEqual(busy.sweeps.slice(2), [false, false], 'busy ran before each of them');
  await busy.stop();
});
