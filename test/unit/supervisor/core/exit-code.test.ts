import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toExitCode, toSummary } from '../../../../src/supervisor/core/exit-code.js';
import { fakeResult } from '../../../helpers/fakes.js';

const result = fakeResult;

const stoppedWeb = result('web', { reason: 'stopped', signal: 'SIGTERM' });

test('the first dead process decides: its non-zero code passes through', () => {
  const results = [stoppedWeb, result('agent', { exitCode: 3 })];
  assert.equal(toExitCode({ kind: 'process', name: 'agent' }, results), 3);
  assert.equal(
    toSummary({ kind: 'process', name: 'agent' }, results),
    'agent exited with code 3; stopped 1 other process(es)',
  );
});

test('an exit 0 is still a failure: 1', () => {
  assert.equal(
    toExitCode({ kind: 'process', name: 'agent' }, [stoppedWeb, result('agent', { exitCode: 0 })]),
    1,
  );
});

test('a signal death is 128+signo; an OOM kill (SIGKILL) is 137', () => {
  const segv = result('agent', { reason: 'signal', signal: 'SIGSEGV' });
  assert.equal(toExitCode({ kind: 'process', name: 'agent' }, [segv]), 139);
  const oom = result('agent', {
    reason: 'oom',
    signal: 'SIGKILL',
    detail: 'agent exceeded its memory limit: 72 MB > 64 MB',
  });
  assert.equal(toExitCode({ kind: 'process', name: 'agent' }, [oom]), 137);
  assert.equal(
    toSummary({ kind: 'process', name: 'agent' }, [oom]),
    'agent was killed: agent exceeded its memory limit: 72 MB > 64 MB',
  );
});

test('supervisor-originated failures are 1', () => {
  for (const reason of ['gate_timeout', 'unhealthy', 'spawn_failed'] as const) {
    assert.equal(toExitCode({ kind: 'process', name: 'a' }, [result('a', { reason })]), 1, reason);
  }
});

test('a signal to the supervisor is 128+signo whatever the processes did', () => {
  assert.equal(toExitCode({ kind: 'signal', signal: 'SIGTERM' }, [stoppedWeb]), 143);
  assert.equal(toExitCode({ kind: 'signal', signal: 'SIGINT' }, [stoppedWeb]), 130);
  const forced = result('agent', { reason: 'stopped', signal: 'SIGKILL', forced: true });
  assert.equal(
    toSummary({ kind: 'signal', signal: 'SIGTERM' }, [stoppedWeb, forced]),
    'received SIGTERM: stopped 2 process(es); killed after the grace period: agent',
  );
});
