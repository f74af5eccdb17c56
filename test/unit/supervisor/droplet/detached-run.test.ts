import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  type DetachedRun,
  parseDetachedRun,
  toDefaultStopTimeoutMs,
} from '../../../../src/supervisor/droplet/detached-run.js';

const RUN: DetachedRun = {
  version: 1,
  pid: 42,
  startTicks: 1234,
  bootId: 'b',
  recordsDir: '/d/tmp/run-records',
  output: '/d/tmp/run-records/run.out',
  status: 'unix:/d/tmp/.sidecars-run.sock',
  startedAt: 1,
  graceMs: 10_000,
};

test('the detached run file reads back as written; anything else is no run', () => {
  assert.deepEqual(parseDetachedRun(JSON.stringify(RUN)), RUN);
  assert.deepEqual(parseDetachedRun(JSON.stringify({ ...RUN, startTicks: null, bootId: null })), {
    ...RUN,
    startTicks: null,
    bootId: null,
  });
  assert.equal(parseDetachedRun(JSON.stringify({ ...RUN, version: 2 })), null);
  assert.equal(parseDetachedRun(JSON.stringify({ ...RUN, pid: '42' })), null);
  assert.equal(parseDetachedRun(JSON.stringify({ ...RUN, graceMs: undefined })), null);
  assert.equal(parseDetachedRun('{"version":1'), null);
});

test("stop's default timeout: the run's grace period and 20 s more, at least 30 s", () => {
  assert.equal(toDefaultStopTimeoutMs({ graceMs: 2_000 }), 30_000);
  assert.equal(toDefaultStopTimeoutMs({ graceMs: 60_000 }), 80_000);
});
