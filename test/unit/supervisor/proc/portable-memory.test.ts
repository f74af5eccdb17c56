import assert from 'node:assert/strict';
import { test } from 'node:test';

import type pidusage from 'pidusage';

import '../../../helpers/no-warnings.js';

import {
  createPidusageRss,
  createRssBatcher,
  PIDUSAGE_OPTIONS,
  toRssByPid,
} from '../../../../src/supervisor/proc/portable-memory.js';

const stat = (pid: number, memory: number): pidusage.Status => ({
  cpu: 0,
  memory,
  ppid: 1,
  pid,
  ctime: 0,
  elapsed: 0,
  timestamp: 0,
});

test('toRssByPid takes pidusage memory (bytes) per pid, skipping what is not a figure', () => {
  const rss = toRssByPid({
    '10': stat(10, 4096),
    '11': stat(11, Number.NaN),
    '12': undefined,
    x: stat(0, 1),
  });
  assert.deepEqual([...rss], [[10, 4096]]);
});

/** A pidusage that answers from `answer` and records what it was asked. */
function fakePidusage(answer: (pids: number[]) => Promise<Record<string, pidusage.Status>>) {
  const calls: Array<{ pids: number[]; options: unknown }> = [];
  const usage = ((pids: number[], options: unknown) => {
    calls.push({ pids: [...pids], options });
    pids.length = 0; // pidusage rewrites the array it is given
    return answer(calls.at(-1)?.pids ?? []);
  }) as unknown as typeof pidusage;
  return { usage, calls };
}

test('createPidusageRss asks ps without history; "no matching pid" means every pid has gone, other errors reject', async () => {
  const fake = fakePidusage((pids) =>
    Promise.resolve(Object.fromEntries(pids.map((pid) => [String(pid), stat(pid, pid)]))),
  );
  const read = createPidusageRss(fake.usage);
  const asked = [10, 11];
  assert.deepEqual(
    [...(await read(asked))],
    [
      [10, 10],
      [11, 11],
    ],
  );
  assert.deepEqual(asked, [10, 11], "the caller's array is left as it was");
  assert.deepEqual(fake.calls[0]?.options, PIDUSAGE_OPTIONS);
  assert.deepEqual(PIDUSAGE_OPTIONS, { usePs: true, maxage: 0 });
  assert.equal((await read([])).size, 0);
  assert.equal(fake.calls.length, 1, 'nothing to ask: no ps');

  const gone = Object.assign(new Error('No matching pid found'), { code: 'ENOENT' });
  assert.equal((await createPidusageRss(fakePidusage(() => Promise.reject(gone)).usage)([10])).size, 0);
  const broken = new Error('Error: spawn ps ENOENT'); // pidusage wraps a spawn error without its code
  await assert.rejects(createPidusageRss(fakePidusage(() => Promise.reject(broken)).usage)([10]), /spawn ps/);
});

test('createRssBatcher gathers the pids asked within one turn into one read, and reads again next turn', async () => {
  const reads: number[][] = [];
  const batch = createRssBatcher((pids) => {
    reads.push([...pids]);
    return Promise.resolve(new Map(pids.map((pid) => [pid, pid * 10])));
  });
  const [a, b] = await Promise.all([batch([1, 2]), batch([2, 3])]);
  assert.deepEqual(reads, [[1, 2, 3]]);
  assert.equal(a.get(3), 30, 'every caller gets the whole answer');
  assert.equal(b.get(1), 10);
  await batch([4]);
  assert.deepEqual(reads, [[1, 2, 3], [4]]);
});
