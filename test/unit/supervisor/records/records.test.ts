import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import type { ProcessSpec } from '../../../../src/supervisor/model/process-spec.js';
import type { ProcessResult } from '../../../../src/supervisor/model/process-result.js';
import { fakeResult, fakeSpec } from '../../../helpers/fakes.js';
import {
  toExitMarker,
  toFinishedRecord,
  toRecordFileBase,
  toRunResult,
  toStartedRecord,
} from '../../../../src/supervisor/records/records.js';

const MB = 1024 * 1024;

const result = (name: string, overrides: Partial<ProcessResult>): ProcessResult =>
  fakeResult(name, { startedAt: 1_700_000_000_100, endedAt: 1_700_000_001_250, ...overrides });

function spec(name: string, overrides: Partial<ProcessSpec> = {}): ProcessSpec {
  return fakeSpec(name, {
    command: 'bash launcher wrapped',
    cwd: '/app',
    env: { SECRET: 'value-never-recorded' },
    memoryLimitBytes: 64 * MB,
    ...overrides,
  });
}

test('started.json: version, source, and each process as written in the config (no env)', () => {
  const record = toStartedRecord(1_700_000_000_999, { version: '1.2.3', mode: 'run', droplet: '/d' }, [
    spec('web', { record: { type: 'process', command: 'node server.js' } }),
    spec('agent', { memoryLimitBytes: null }),
  ]);
  assert.deepEqual(record, {
    timestamp: 1_700_000_000,
    metadata: {
      version: '1.2.3',
      mode: 'run',
      droplet: '/d',
      processes: [
        { name: 'web', type: 'process', command: 'node server.js', memory_limit_mb: 64 },
        { name: 'agent', type: 'sidecar', command: 'bash launcher wrapped', memory_limit_mb: null },
      ],
    },
  });
  assert.ok(!JSON.stringify(record).includes('value-never-recorded'));
});

test('finished.json: result, cause, and per-process figures', () => {
  const record = toFinishedRecord(1_700_000_002_000, {
    cause: { kind: 'process', name: 'agent' },
    exitCode: 137,
    summary: 'agent was killed',
    results: [
      result('agent', { reason: 'oom', signal: 'SIGKILL', peakRssBytes: 81.26 * MB }),
      result('web', { reason: 'stopped', signal: 'SIGKILL', forced: true, startedAt: null }),
    ],
  });
  assert.deepEqual(record, {
    timestamp: 1_700_000_002,
    passed: false,
    result: 'FAILURE',
    metadata: {
      exit_code: 137,
      cause: { process: 'agent' },
      summary: 'agent was killed',
      processes: {
        agent: {
          exit_code: null,
          signal: 'SIGKILL',
          reason: 'oom',
          forced: false,
          peak_rss_mb: 81.3,
          started_at: 1_700_000_000.1,
          finished_at: 1_700_000_001.25,
          detail: null,
        },
        web: {
          exit_code: null,
          signal: 'SIGKILL',
          reason: 'stopped',
          forced: true,
          peak_rss_mb: null,
          started_at: null,
          finished_at: 1_700_000_001.25,
          detail: null,
        },
      },
    },
  });
});

test('result: ABORTED on a signal to the supervisor, SUCCESS only for exit 0', () => {
  assert.equal(toRunResult({ kind: 'signal', signal: 'SIGINT' }, 130), 'ABORTED');
  assert.equal(toRunResult({ kind: 'process', name: 'a' }, 1), 'FAILURE');
  assert.equal(toRunResult(null, 0), 'SUCCESS');
});

test('exit markers: the code, 128+signo, or 1 for a process that never ran', () => {
  assert.equal(toExitMarker(result('a', { exitCode: 3 })), '3\n');
  assert.equal(toExitMarker(result('a', { signal: 'SIGTERM' })), '143\n');
  assert.equal(toExitMarker(result('a', { reason: 'gate_timeout', startedAt: null })), '1\n');
});

test('record file names never leave the artifacts dir', () => {
  assert.equal(toRecordFileBase('sidecars-web'), 'sidecars-web');
  assert.equal(toRecordFileBase('../etc/x'), '__etc_x');
  assert.equal(toRecordFileBase('..'), '_');
});
