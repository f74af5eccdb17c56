import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { parseRunEnd, type RunEnd, toStopVerdict } from '../../../src/cli/stop-verdict.js';

const STOPPED: RunEnd = {
  exitCode: 143,
  result: 'ABORTED',
  causeSignal: 'SIGTERM',
  summary: 'received SIGTERM: stopped 2 process(es)',
};
const CRASHED: RunEnd = {
  exitCode: 3,
  result: 'FAILURE',
  causeSignal: null,
  summary: 'agent exited with code 3 (sidecars-web); stopped 1 other process(es)',
};

test("exit 0 when the run ended on stop's SIGTERM: every process was running until then", () => {
  assert.deepEqual(toStopVerdict({ kind: 'ended', end: STOPPED, already: false }), {
    exitCode: 0,
    message: 'stopped; every process was running until then (received SIGTERM: stopped 2 process(es))',
  });
  assert.equal(toStopVerdict({ kind: 'ended', end: STOPPED, already: true }).exitCode, 0);
});

test("the run's own code when a process had ended before stop; never 0", () => {
  assert.deepEqual(toStopVerdict({ kind: 'ended', end: CRASHED, already: true }), {
    exitCode: 3,
    message: `the run had ended before stop (FAILURE, exit code 3): ${CRASHED.summary}`,
  });
  const zero = { ...CRASHED, exitCode: 0 };
  assert.equal(toStopVerdict({ kind: 'ended', end: zero, already: true }).exitCode, 1);
});

test('a run gone without finished.json, or killed after the timeout: exit 1, said so', () => {
  assert.deepEqual(toStopVerdict({ kind: 'vanished', pid: 7, recordsDir: '/r', stopped: [8, 9] }), {
    exitCode: 1,
    message:
      'the run (pid 7) was killed before stop: it left no finished.json in /r; stopped what it left running (pids 8 9)',
  });
  assert.match(
    toStopVerdict({ kind: 'vanished', pid: 7, recordsDir: '/r', stopped: [] }).message,
    /; nothing of it is left running$/,
  );
  assert.deepEqual(toStopVerdict({ kind: 'killed', pid: 7, timeoutS: 2, killed: [7, 8] }), {
    exitCode: 1,
    message:
      'the run (pid 7) was still running 2 s after SIGTERM: killed it and its whole tree with SIGKILL (pids 7 8); it wrote no finished.json',
  });
});

test('finished.json → what stop needs of it; null for anything else', () => {
  const text = JSON.stringify({
    timestamp: 1,
    passed: false,
    result: 'ABORTED',
    metadata: { exit_code: 143, cause: { signal: 'SIGTERM' }, summary: STOPPED.summary },
  });
  assert.deepEqual(parseRunEnd(text), STOPPED);
  const crashed = JSON.stringify({
    result: 'FAILURE',
    metadata: { exit_code: 3, cause: { process: 'agent', entry: 'sidecars-web' }, summary: CRASHED.summary },
  });
  assert.deepEqual(parseRunEnd(crashed), CRASHED);
  assert.equal(parseRunEnd('{"result":"SUCCESS"}'), null);
  assert.equal(parseRunEnd('not json'), null);
});
