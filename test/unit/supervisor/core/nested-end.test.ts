import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toSummary } from '../../../../src/supervisor/core/exit-code.js';
import { parseNestedEnd } from '../../../../src/supervisor/core/nested-end.js';
import type { NestedProcess, ProcessResult } from '../../../../src/supervisor/model/process-result.js';
import { toFinishedRecord } from '../../../../src/supervisor/records/records.js';
import { fakeResult } from '../../../helpers/fakes.js';

const result = (name: string, overrides: Partial<ProcessResult>): ProcessResult =>
  fakeResult(name, { endedAt: 1000, ...overrides });

function nested(overrides: Partial<NestedProcess>): NestedProcess {
  return {
    exit_code: null,
    signal: null,
    reason: 'stopped',
    forced: false,
    peak_rss_mb: 12.5,
    started_at: 1,
    finished_at: 2,
    detail: null,
    ...overrides,
  };
}

const web = result('web', { reason: 'stopped', signal: 'SIGTERM' });
const hog = nested({
  reason: 'oom',
  signal: 'SIGKILL',
  detail: 'hog exceeded its memory limit: 90 MB > 80 MB',
});
const idler = nested({ signal: 'SIGTERM', forced: true });
const exec = result('sidecars-web', {
  exitCode: 137,
  nested: { first: 'hog', processes: { hog, idler } },
});

test('run names the nested sidecar that ended first, and counts every sidecar', () => {
  const cause = { kind: 'process', name: 'sidecars-web' } as const;
  assert.equal(
    toSummary(cause, [web, exec]),
    'hog was killed: hog exceeded its memory limit: 90 MB > 80 MB (sidecars-web); stopped 2 other process(es); killed after the grace period: sidecars-web/idler',
  );
  assert.equal(
    toSummary({ kind: 'signal', signal: 'SIGTERM' }, [web, exec]),
    'received SIGTERM: stopped 3 process(es); killed after the grace period: sidecars-web/idler',
  );
  // per-sidecar: the entry has the sidecar's name, said once
  const alone = result('hog', { exitCode: 137, nested: { first: 'hog', processes: { hog } } });
  assert.equal(
    toSummary({ kind: 'process', name: 'hog' }, [web, alone]).split(';')[0],
    'hog was killed: hog exceeded its memory limit: 90 MB > 80 MB',
  );
});

test('finished.json: the cause names the sidecar and its entry; the sidecars follow their exec', () => {
  const record = toFinishedRecord(3000, {
    cause: { kind: 'process', name: 'sidecars-web' },
    exitCode: 137,
    summary: 's',
    results: [web, exec],
  });
  assert.deepEqual(record.metadata.cause, { process: 'hog', entry: 'sidecars-web' });
  assert.deepEqual(Object.keys(record.metadata.processes), [
    'web',
    'sidecars-web',
    'sidecars-web/hog',
    'sidecars-web/idler',
  ]);
  assert.deepEqual(record.metadata.processes['sidecars-web/hog'], hog);
});

test('a nested exec stopped without a first sidecar (a signal) is named itself', () => {
  const stopped = result('sidecars-web', { exitCode: 143, nested: { first: null, processes: { idler } } });
  const cause = { kind: 'process', name: 'sidecars-web' } as const;
  assert.equal(
    toSummary(cause, [web, stopped]),
    'sidecars-web exited with code 143; stopped 1 other process(es); killed after the grace period: sidecars-web/idler',
  );
  const record = toFinishedRecord(3000, { cause, exitCode: 143, summary: 's', results: [web, stopped] });
  assert.deepEqual(record.metadata.cause, { process: 'sidecars-web' });
});

test('parseNestedEnd reads a finished.json, and refuses what it cannot trust', () => {
  const text = JSON.stringify({ metadata: { cause: { process: 'hog' }, processes: { hog, idler } } });
  assert.deepEqual(parseNestedEnd(text), { first: 'hog', processes: { hog, idler } });
  const old = JSON.stringify({
    metadata: { cause: { signal: 'SIGTERM' }, processes: { idler: { ...idler, detail: undefined } } },
  });
  assert.deepEqual(parseNestedEnd(old), { first: null, processes: { idler: { ...idler, detail: null } } });
  assert.equal(parseNestedEnd('{'), null);
  assert.equal(parseNestedEnd('{"metadata": {"processes": {"x": {"reason": "vanished"}}}}'), null);
  assert.equal(parseNestedEnd('[]'), null);
});
