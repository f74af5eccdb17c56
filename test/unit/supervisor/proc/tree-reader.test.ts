import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toChildrenIndex } from '../../../../src/supervisor/proc/memory.js';
import { parseStatmRss, parseUints, type ProcessRow } from '../../../../src/supervisor/proc/proc-stat.js';
import { openSnapshotTreeReader, type Snapshot } from '../../../../src/supervisor/proc/tree-reader.js';

const row = (ppid: number, pgid = ppid, zombie = false): ProcessRow => ({
  ppid,
  pgid,
  rssBytes: 4096,
  threads: 1,
  zombie,
});

function snapshots(...tables: Array<Array<[number, ProcessRow]>>): () => Snapshot {
  let next = 0;
  return () => {
    const table = new Map(tables[Math.min(next++, tables.length - 1)]);
    return { table, children: toChildrenIndex(table) };
  };
}

test('the snapshot reader keeps a descendant it has seen after it is orphaned, and drops it once gone', () => {
  const reader = openSnapshotTreeReader(
    10,
    snapshots(
      // 1 ─ 10 ─ 11 ─ 12, and 20 unrelated
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
      // 12 gone; the root a zombie
      [
        [1, row(0)],
        [10, row(1, 10, true)],
        [13, row(10, 10)],
      ],
      // the root reaped
      [
        [1, row(0)],
        [13, row(1, 10)],
      ],
    ),
  );
  assert.deepEqual([...reader.read().keys()], [10, 11, 12]);
  assert.deepEqual([...reader.read().keys()], [10, 12, 13]);
  const third = reader.read();
  assert.deepEqual([...third.keys()], [10, 13]);
  assert.equal(third.get(10)?.zombie, true);
  assert.deepEqual([...reader.read().keys()], [13], 'no root row once the root is gone');
});

test('parseUints reads the pids of a children file, with or without a trailing space', () => {
  const parse = (text: string): number[] => {
    const into: number[] = [7];
    parseUints(Buffer.from(text), Buffer.byteLength(text), into);
    return into;
  };
  assert.deepEqual(parse('123 4567 '), [7, 123, 4567]);
  assert.deepEqual(parse('8'), [7, 8]);
  assert.deepEqual(parse(''), [7]);
});

test('parseStatmRss reads resident pages as bytes; size 0 (exited, not reaped) is -1; garbage is null', () => {
  const parse = (text: string) => parseStatmRss(Buffer.from(text), Buffer.byteLength(text), 4096);
  assert.equal(parse('2458 330 283 236 0 102 0\n'), 330 * 4096);
  assert.equal(parse('0 0 0 0 0 0 0\n'), -1);
  assert.equal(parse('12'), null);
  assert.equal(parse(''), null);
});
