import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  createSharedListing,
  parsePsListing,
  type PsTable,
} from '../../../../src/supervisor/proc/ps-listing.js';

test('parsePsListing reads pid, ppid, pgid, zombies and the start time (with its spaces), as procps and macOS print them', () => {
  const procps = [
    '    1     0     1 Ss   Thu Nov 26 21:20:33 2026',
    ' 4242     1  4242 S+   Thu Nov 26 23:05:09 2026',
    ' 4243  4242  4242 Z+   Thu Nov  5 09:00:00 2026',
    '',
  ].join('\n');
  const table = parsePsListing(procps);
  assert.deepEqual(table.get(4242), {
    ppid: 1,
    pgid: 4242,
    zombie: false,
    startedAt: 'Thu Nov 26 23:05:09 2026',
  });
  assert.deepEqual(table.get(4243), {
    ppid: 4242,
    pgid: 4242,
    zombie: true,
    startedAt: 'Thu Nov 5 09:00:00 2026',
  });
  // macOS: stat with flags, a single-digit day padded the same way
  const macos = '  501   1   501 Ss     Mon Mar  3 08:01:02 2025\n';
  assert.deepEqual(parsePsListing(macos).get(501), {
    ppid: 1,
    pgid: 501,
    zombie: false,
    startedAt: 'Mon Mar 3 08:01:02 2025',
  });
});

test('parsePsListing skips what is not a process line: a header, a short line, a negative or a word', () => {
  const text = [
    '  PID  PPID  PGID STAT STARTED',
    '12 1 12 S',
    '13 -1 13 S Thu Nov 26 21:20:33 2026',
    'x 1 1 S a b',
  ].join('\n');
  assert.equal(parsePsListing(text).size, 0);
});

const row = { ppid: 1, pgid: 1, zombie: false, startedAt: 's' };

test('one listing serves every caller while it runs and for the reuse window after; a failure is not kept', async () => {
  let time = 0;
  let calls = 0;
  let fail = false;
  const shared = createSharedListing(
    () => {
      calls += 1;
      return fail
        ? Promise.reject(new Error('ps failed'))
        : Promise.resolve<PsTable>(new Map([[calls, row]]));
    },
    () => time,
    10,
  );
  const [a, b] = await Promise.all([shared(), shared()]);
  assert.equal(calls, 1, 'two trees of one poll: one ps');
  assert.equal(a, b);
  time = 10;
  assert.equal(await shared(), a, 'within the reuse window');
  time = 11;
  assert.notEqual(await shared(), a, 'after it: a new listing');
  assert.equal(calls, 2);
  time = 30;
  fail = true;
  await assert.rejects(shared(), /ps failed/);
  fail = false;
  assert.ok((await shared()).has(4), 'the next call lists again');
});
