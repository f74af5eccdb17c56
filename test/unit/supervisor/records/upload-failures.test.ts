import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { toNotUploadedRecord } from '../../../../src/supervisor/records/not-uploaded.js';
import {
  MAX_KEYS_PER_EVENT,
  MAX_REASON_CHARS,
  toFailureEvents,
} from '../../../../src/supervisor/records/upload-failures.js';

const keys = (n: number, prefix = 'run'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}/p${String(i).padStart(3, '0')}.log`);

test('every failed object is named: one event per reason, in the order reasons first appear', () => {
  const failed = [
    { key: 'run/a.log', reason: 'InternalError: HTTP 500' },
    { key: 'run/b.exit', reason: 'the upload deadline passed' },
    { key: 'run/c.log', reason: 'InternalError: HTTP 500' },
    { key: 'run/finished.json', reason: 'not uploaded: an object before it was not' },
  ];
  assert.deepEqual(toFailureEvents('final', failed, 7), [
    {
      type: 'records.upload_failed',
      what: 'final',
      keys: ['run/a.log', 'run/c.log'],
      reason: 'InternalError: HTTP 500',
      at: 7,
    },
    {
      type: 'records.upload_failed',
      what: 'final',
      keys: ['run/b.exit'],
      reason: 'the upload deadline passed',
      at: 7,
    },
    {
      type: 'records.upload_failed',
      what: 'final',
      keys: ['run/finished.json'],
      reason: 'not uploaded: an object before it was not',
      at: 7,
    },
  ]);
});

test('many objects of one reason: bounded events that together name each of them once', () => {
  const all = keys(2 * MAX_KEYS_PER_EVENT + 3);
  const events = toFailureEvents(
    'final',
    all.map((key) => ({ key, reason: 'ECONNRESET' })),
    0,
  );
  assert.deepEqual(
    events.map((e) => e.keys.length),
    [MAX_KEYS_PER_EVENT, MAX_KEYS_PER_EVENT, 3],
  );
  assert.deepEqual(
    events.flatMap((e) => e.keys),
    all,
  );
});

test('a long reason is cut, and objects that share it stay in one event', () => {
  const long = `InternalError: ${'x'.repeat(5000)}`;
  const events = toFailureEvents(
    'interval',
    [
      { key: 'a', reason: long },
      { key: 'b', reason: long },
    ],
    0,
  );
  assert.equal(events.length, 1);
  assert.equal(events[0]?.reason.length, MAX_REASON_CHARS);
  assert.ok(events[0]?.reason.endsWith('…'));
  assert.deepEqual(events[0]?.keys, ['a', 'b']);
});

test('nothing failed: no event', () => {
  assert.deepEqual(toFailureEvents('start', [], 0), []);
});

test('not-uploaded.json: the bucket and every object with its reason, at whole seconds', () => {
  const failed = [{ key: 'ci/shop/web-1/r/finished.json', reason: 'the upload deadline passed' }];
  assert.deepEqual(toNotUploadedRecord(1_765_000_000_999, 'records', failed), {
    timestamp: 1_765_000_000,
    store: 's3://records',
    objects: failed,
  });
});
