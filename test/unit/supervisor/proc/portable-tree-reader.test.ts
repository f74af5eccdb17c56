import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { openPortableTreeReader } from '../../../../src/supervisor/proc/portable-tree-reader.js';
import type { PsRow, PsTable } from '../../../../src/supervisor/proc/ps-listing.js';

const row = (ppid: number, pgid = ppid, startedAt = 'T0', zombie = false): PsRow => ({
  ppid,
  pgid,
  zombie,
  startedAt,
});

function listings(...tables: Array<Array<[number, PsRow]>>): () => Promise<PsTable> {
  let next = 0;
  return () => Promise.resolve(new Map(tables[Math.min(next++, tables.length - 1)]));
}

test('keeps a descendant it has seen once orphaned, finds new ones, drops the gone; no root row once reaped', async () => {
  const reader = openPortableTreeReader(
    10,
    listings(
      // 1 ─ 10 ─ 11 ─ 12 (12 in a session of its own), and 20 unrelated
      [
        [1, row(0)],
        [10, row(1, 10)],
        [11, row(10, 10)],
        [12, row(11, 12)],
        [20, row(1)],
      ],
      // 11 exited: 12 is re-parented to 1, still the tree's; 13 is new under 10
      [
        [1, row(0)],
        [10, row(1, 10)],
        [12, row(1, 12)],
        [13, row(10, 10)],
        [20, row(1)],
      ],
      // the root a zombie, 12 gone
      [
        [1, row(0)],
        [10, row(1, 10, 'T0', true)],
        [13, row(10, 10)],
      ],
      // the root reaped
      [
        [1, row(0)],
        [13, row(1, 10)],
      ],
    ),
  );
  assert.deepEqual([...(await reader.read()).members.keys()], [10, 11, 12]);
  assert.deepEqual([...(await reader.read()).members.keys()], [10, 12, 13]);
  const third = await reader.read();
  assert.deepEqual([...third.members.keys()], [10, 13]);
  assert.equal(third.members.get(10)?.zombie, true);
  const fourth = await reader.read();
  assert.deepEqual([...fourth.members.keys()], [13], 'no root row once the root is gone');
  assert.equal(fourth.table.size, 2, 'the whole listing comes with it');
});

test('a member whose pid shows another start is another process that took the number: dropped', async () => {
  const reader = openPortableTreeReader(
    10,
    listings(
      [
        [10, row(1, 10, 'T0')],
        [11, row(10, 10, 'T1')],
      ],
      // 11 was orphaned, ended, and an unrelated process took its pid
      [
        [10, row(1, 10, 'T0')],
        [11, row(1, 11, 'T9')],
      ],
      // and a child of the root takes it later: a member again, with its own start
      [
        [10, row(1, 10, 'T0')],
        [11, row(10, 10, 'T10')],
      ],
    ),
  );
  assert.deepEqual([...(await reader.read()).members.keys()], [10, 11]);
  assert.deepEqual([...(await reader.read()).members.keys()], [10], 'never counted, never signalled');
  const third = await reader.read();
  assert.equal(third.members.get(11)?.startedAt, 'T10');
});

test('an adopted pid (a detached descendant the sweep found) is a member from the next read, known by its start then', async () => {
  const reader = openPortableTreeReader(
    10,
    listings(
      [
        [10, row(1, 10)],
        [30, row(1, 30, 'T3')],
        [31, row(30, 30, 'T3')],
      ],
      [
        [10, row(1, 10)],
        [30, row(1, 30, 'T4')],
      ],
    ),
  );
  reader.adopt(30);
  assert.deepEqual([...(await reader.read()).members.keys()], [10, 30, 31], 'with its descendants');
  assert.deepEqual(
    [...(await reader.read()).members.keys()],
    [10],
    'its pid restarted with another start: dropped',
  );
});

test('a failed listing rejects the read (a failed sample, never an empty tree)', async () => {
  const reader = openPortableTreeReader(10, () => Promise.reject(new Error('spawn ps EAGAIN')));
  await assert.rejects(reader.read(), /EAGAIN/);
});
