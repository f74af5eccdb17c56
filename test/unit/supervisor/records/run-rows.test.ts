import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  type StoredRun,
  toRunIdSeconds,
  toRunRow,
  toStoredRuns,
} from '../../../../src/supervisor/records/run-rows.js';

const R1 = '20261126T100000-000Z-0000000a';
const R2 = '20261126T110000-000Z-0000000b';
const R3 = '20261126T120000-500Z-0000000c';

function files(dir: string, ...names: string[]): string[] {
  return names.map((name) => `${dir}/${name}`);
}

test('keys → runs, newest first; the app is the folder above <type>-<index>', () => {
  const keys = [
    ...files(`ci/shop/web-0/${R1}`, 'agent.exit', 'agent.log', 'finished.json', 'started.json'),
    ...files(`ci/shop/web-0/${R3}`, 'agent.log', 'started.json'),
    ...files(`ci/shop/worker-1/${R2}`, 'finished.json', 'started.json'),
    'ci/shop/web-0/latest.txt',
    ...files(`ci/blog/web-0/${R2}`, 'started.json'),
  ];
  const { runs, appInUrl } = toStoredRuns('ci', keys);
  assert.equal(appInUrl, false);
  assert.deepEqual(
    runs.map((r) => [r.runId, r.app, r.instance, r.hasStarted, r.hasFinished, r.superseded]),
    [
      [R3, 'shop', 'web-0', true, false, false],
      [R2, 'blog', 'web-0', true, false, false],
      [R2, 'shop', 'worker-1', true, true, false],
      [R1, 'shop', 'web-0', true, true, true],
    ],
  );
  assert.equal(runs[0]?.key, `ci/shop/web-0/${R3}`);
});

test('a URL that names the app: the runs sit right under it, the app is its last segment', () => {
  const keys = [
    ...files(`ci/shop/web-0/${R1}`, 'started.json'),
    ...files(`ci/shop/web-1/${R2}`, 'finished.json'),
  ];
  const { runs, appInUrl } = toStoredRuns('ci/shop', keys);
  assert.equal(appInUrl, true);
  assert.deepEqual(
    runs.map((r) => [r.app, r.instance, r.runId]),
    [
      ['shop', 'web-1', R2],
      ['shop', 'web-0', R1],
    ],
  );
  // the same keys listed from the prefix above: shop is the app
  assert.equal(toStoredRuns('ci', keys).appInUrl, false);
  // and from the bucket's root: the deeper path is the app
  assert.deepEqual(
    toStoredRuns('', keys).runs.map((r) => r.app),
    ['ci/shop', 'ci/shop'],
  );
});

test('a URL may also name an instance, or a run', () => {
  const keys = [
    ...files(`ci/shop/web-0/${R1}`, 'started.json', 'finished.json'),
    ...files(`ci/shop/web-0/${R2}`, 'started.json'),
  ];
  const instance = toStoredRuns('ci/shop/web-0', keys);
  assert.equal(instance.appInUrl, true);
  assert.deepEqual(
    instance.runs.map((r) => [r.app, r.instance, r.runId, r.superseded]),
    [
      ['shop', 'web-0', R2, false],
      ['shop', 'web-0', R1, true],
    ],
  );
  const one = toStoredRuns(`ci/shop/web-0/${R1}`, keys.slice(0, 2));
  assert.deepEqual(
    one.runs.map((r) => [r.app, r.instance, r.runId, r.key]),
    [['shop', 'web-0', R1, `ci/shop/web-0/${R1}`]],
  );
});

test('a nested supervisor’s records (an entry folder inside a run) are part of that run', () => {
  const keys = [
    ...files(`ci/shop/web-0/${R1}`, 'finished.json', 'started.json', 'web.log'),
    ...files(`ci/shop/web-0/${R1}/sidecars-web-0`, 'finished.json', 'started.json', 'agent.log'),
  ];
  const { runs } = toStoredRuns('ci', keys);
  assert.deepEqual(
    runs.map((r) => r.key),
    [`ci/shop/web-0/${R1}`],
  );
});

test('keys outside the layout are not runs; a sibling prefix is not under the prefix', () => {
  const keys = [
    'ci/readme.txt',
    'ci/shop/started.json',
    `ci/shop/web/${R1}/started.json`,
    `ci-other/shop/web-0/${R1}/started.json`,
    `ci/shop/web-0/${R1}/agent.log`,
  ];
  assert.deepEqual(toStoredRuns('ci', keys), { runs: [], appInUrl: false });
});

test('run ids give the start when started.json does not', () => {
  assert.equal(toRunIdSeconds(R3), Date.UTC(2026, 10, 26, 12) / 1000);
  assert.equal(toRunIdSeconds('my-run'), null);
});

function run(overrides: Partial<StoredRun> = {}): StoredRun {
  return {
    key: `ci/shop/web-0/${R1}`,
    app: 'shop',
    instance: 'web-0',
    runId: R1,
    hasStarted: true,
    hasFinished: true,
    superseded: false,
    ...overrides,
  };
}

const STARTED = JSON.stringify({
  timestamp: 1795600000,
  metadata: { version: '0.1.0', mode: 'exec', processes: [] },
});

function finished(result: string, cause: unknown, summary: string, exitCode = 3): string {
  return JSON.stringify({
    timestamp: 1795600125,
    passed: result === 'SUCCESS',
    result,
    metadata: { exit_code: exitCode, cause, summary, processes: {} },
  });
}

test('a finished run: times, result, cause and summary as recorded', () => {
  const text = finished('FAILURE', { process: 'agent', entry: 'sidecars-web' }, 'agent exited with code 3');
  assert.deepEqual(toRunRow(run(), 'records', STARTED, text), {
    app: 'shop',
    instance: 'web-0',
    run_id: R1,
    url: `s3://records/ci/shop/web-0/${R1}/`,
    started_at: '2026-11-25T09:46:40Z',
    finished_at: '2026-11-25T09:48:45Z',
    duration_s: 125,
    result: 'FAILURE',
    exit_code: 3,
    cause: { process: 'agent', entry: 'sidecars-web' },
    summary: 'agent exited with code 3',
    problems: [],
  });
});

test('no finished.json: the newest run of its instance may still run; an older one is lost', () => {
  const newest = toRunRow(run({ hasFinished: false }), 'records', STARTED, null);
  assert.equal(newest.result, 'no finished.json');
  assert.equal(newest.duration_s, null);
  assert.equal(newest.finished_at, null);
  assert.equal(
    toRunRow(run({ hasFinished: false, superseded: true }), 'records', STARTED, null).result,
    'lost',
  );
});

test('malformed records give a row with what is known and name the problem', () => {
  const broken = toRunRow(run(), 'records', '{"timestamp": 17', '[1, 2]');
  assert.equal(broken.result, 'unreadable');
  assert.equal(broken.started_at, '2026-11-26T10:00:00Z'); // from the run id
  assert.deepEqual(broken.problems, ['started.json is not JSON', 'finished.json is not a JSON object']);
  const odd = toRunRow(run({ hasStarted: false }), 'records', null, '{"result": "MAYBE", "metadata": 7}');
  assert.equal(odd.result, 'unreadable');
  assert.equal(odd.cause, null);
  assert.equal(odd.summary, null);
  assert.deepEqual(odd.problems, ['no started.json', 'finished.json has no result']);
});
