import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  formatMb,
  isOverLimit,
  listDescendants,
  toChildrenIndex,
  toTreeSample,
} from '../../../../src/supervisor/proc/memory.js';
import { BYTES_PER_MB } from '../../../../src/supervisor/model/tree-sample.js';
import { parseProcStat, type ProcessRow } from '../../../../src/supervisor/proc/proc-stat.js';
import { parseAuxvPageSize, parseKernelPageSize } from '../../../../src/supervisor/proc/process-table.js';

const row = (ppid: number, rssMb: number, pgid = ppid): ProcessRow => ({
  ppid,
  pgid,
  rssBytes: rssMb * BYTES_PER_MB,
  threads: 1,
  zombie: false,
});

// 1 ─ 10 ─ 11 ─ 12        10's tree: 10, 11, 12 (12 left the group), plus 13 under 11
//          └ 13           20 is unrelated
const table = new Map<number, ProcessRow>([
  [1, row(0, 5)],
  [10, row(1, 3, 10)],
  [11, row(10, 40, 10)],
  [12, row(11, 30, 12)],
  [13, row(11, 2, 10)],
  [20, row(1, 100)],
]);

test('listDescendants walks children, grandchildren and processes that left the group', () => {
  assert.deepEqual(listDescendants(toChildrenIndex(table), 10), [11, 12, 13]);
  assert.deepEqual(listDescendants(toChildrenIndex(table), 12), []);
});

test('toTreeSample sums RSS over the rows of a tree, the root first', () => {
  const rows = new Map([10, 11, 12, 13].map((pid) => [pid, table.get(pid) as ProcessRow]));
  assert.deepEqual(toTreeSample(rows, 10), { pids: [10, 11, 12, 13], rssBytes: 75 * BYTES_PER_MB });
});

test('toTreeSample is null for a root that has gone, never a 0 figure', () => {
  assert.equal(toTreeSample(new Map([[11, table.get(11) as ProcessRow]]), 10), null);
  assert.equal(toTreeSample(new Map(), 10), null);
});

test('isOverLimit is strict and formatMb rounds up', () => {
  assert.equal(isOverLimit(64 * BYTES_PER_MB, 64 * BYTES_PER_MB), false);
  assert.equal(isOverLimit(64 * BYTES_PER_MB + 1, 64 * BYTES_PER_MB), true);
  assert.equal(formatMb(72 * BYTES_PER_MB), '72 MB');
  assert.equal(formatMb(64 * BYTES_PER_MB + 1), '65 MB');
});

test('parseProcStat reads ppid, pgid, threads, rss and zombies from bytes, past a command name with spaces and parens', () => {
  const parse = (text: string) => parseProcStat(Buffer.from(text), Buffer.byteLength(text), 4096);
  const line =
    '4242 (my (odd) cmd) S 4200 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 100 1000000 256 1844 0 0\n';
  assert.deepEqual(parse(line), { ppid: 4200, pgid: 4242, rssBytes: 256 * 4096, threads: 1, zombie: false });
  const threaded = line.replace(' 20 0 1 0 100 ', ' 20 0 7 0 100 ');
  assert.equal(parse(threaded)?.threads, 7);
  assert.equal(parse(line.replace(') S ', ') Z '))?.zombie, true);
  assert.equal(parse('garbage'), null);
  assert.equal(parse('1 (x) S 0 1'), null, 'a truncated line is rejected, not read as rss 0');
});

test('parseAuxvPageSize finds AT_PAGESZ (6) among 64-bit (type, value) pairs, in either byte order', () => {
  const auxv = (littleEndian: boolean, pairs: Array<[number, number]>): Buffer => {
    const buffer = Buffer.alloc(pairs.length * 16);
    pairs.forEach(([type, value], i) => {
      if (littleEndian) {
        buffer.writeBigUInt64LE(BigInt(type), i * 16);
        buffer.writeBigUInt64LE(BigInt(value), i * 16 + 8);
      } else {
        buffer.writeBigUInt64BE(BigInt(type), i * 16);
        buffer.writeBigUInt64BE(BigInt(value), i * 16 + 8);
      }
    });
    return buffer;
  };
  const pairs: Array<[number, number]> = [
    [33, 0x7fff0000],
    [16, 0xbfebfbff],
    [6, 16384],
    [0, 0],
  ];
  assert.equal(parseAuxvPageSize(auxv(true, pairs), true), 16384);
  assert.equal(parseAuxvPageSize(auxv(false, pairs), false), 16384);
  assert.equal(
    parseAuxvPageSize(
      auxv(true, [
        [33, 1],
        [0, 0],
      ]),
      true,
    ),
    null,
  );
});

test('parseKernelPageSize reads the first KernelPageSize line of a smaps text, in bytes', () => {
  const smaps = [
    '55d0c0a00000-55d0c0a2c000 r--p 00000000 08:01 1234   /usr/bin/node',
    'Size:                176 kB',
    'KernelPageSize:        4 kB',
    'MMUPageSize:           4 kB',
    '7f0000000000-7f0000200000 rw-p 00000000 00:00 0',
    'KernelPageSize:     2048 kB',
  ].join('\n');
  assert.equal(parseKernelPageSize(smaps), 4096);
  assert.equal(parseKernelPageSize('KernelPageSize:       64 kB\n'), 65536);
  assert.equal(parseKernelPageSize('Size: 4 kB\n'), null);
  assert.equal(parseKernelPageSize(''), null);
});
