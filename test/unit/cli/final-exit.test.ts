import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { isSettled } from '../../../src/cli/final-exit.js';

test('settled: only stream, process and signal handles left (open or closing), no output buffered', () => {
  assert.equal(isSettled([], 0), true);
  assert.equal(isSettled(['PipeWrap', 'PipeWrap', 'ProcessWrap', 'TTYWrap', 'SignalWrap'], 0), true);
  assert.equal(isSettled(['TCPWrap', 'PipeServerWrap', 'TCPServerWrap'], 0), true);
});

test('not settled: output still buffered in stdout or stderr', () => {
  assert.equal(isSettled(['PipeWrap'], 1), false);
});

test('not settled: a request in flight, or a timer or an immediate still due', () => {
  for (const pending of [
    'FSReqCallback',
    'FSReqPromise',
    'WriteWrap',
    'ShutdownWrap',
    'Timeout',
    'Immediate',
  ]) {
    assert.equal(isSettled(['PipeWrap', pending], 0), false, pending);
  }
});
