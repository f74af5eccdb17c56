import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  toIndexedRunKey,
  toIndexHead,
  toIndexKeys,
  toIndexPrefix,
  toRunIdMs,
} from '../../../../src/supervisor/records/run-index.js';
import { toRunId, toRunKey } from '../../../../src/supervisor/records/run-key.js';
import { toRunObjects } from '../../../../src/supervisor/records/run-objects.js';

const RUN = '20261126T214130-123Z-80000000';

test('a run has one entry at the prefix, the app and the instance, each naming the run below it', () => {
  assert.deepEqual(toIndexKeys('ci', `ci/shop/web-1/${RUN}`, RUN), [
    `ci/.runs/8204270709876~shop~web-1~${RUN}`,
    `ci/shop/.runs/8204270709876~web-1~${RUN}`,
    `ci/shop/web-1/.runs/8204270709876~${RUN}`,
  ]);
  assert.equal(toIndexKeys('', `shop/web-1/${RUN}`, RUN)[0], `.runs/8204270709876~shop~web-1~${RUN}`);
  assert.equal(toRunIdMs(RUN), Date.UTC(2026, 10, 26, 21, 41, 30, 123));
  assert.equal(toIndexHead('not-a-run'), null);
});

test('entries list newest first in S3 order (ascending UTF-8), whatever the app or instance', () => {
  const origin = (app: string, i: number) => ({ app, processType: 'web', instanceIndex: i });
  const starts = [
    Date.UTC(2026, 0, 1),
    Date.UTC(2026, 0, 1, 0, 0, 0, 1),
    Date.UTC(2026, 5, 1),
    Date.UTC(2027, 0, 1),
  ];
  const runs = starts.map((ms, i) => {
    const runId = toRunId(ms);
    const runKey = toRunKey({ bucket: 'b', prefix: 'ci' }, origin(i % 2 === 0 ? 'zeta' : 'alpha', i), runId);
    return { runKey, top: toIndexKeys('ci', runKey, runId)[0] ?? '' };
  });
  const listed = runs.map((r) => r.top).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  assert.deepEqual(
    listed.map((key) => toIndexedRunKey('ci', key)),
    runs.map((r) => r.runKey).reverse(),
  );
});

test('an index key back to its run folder, at each level; anything else is not an entry', () => {
  const keys = toIndexKeys('ci/x', `ci/x/shop/web-1/${RUN}`, RUN);
  const levels = ['ci/x', 'ci/x/shop', 'ci/x/shop/web-1'];
  assert.deepEqual(
    keys.map((key, i) => toIndexedRunKey(levels[i] ?? '', key)),
    keys.map(() => `ci/x/shop/web-1/${RUN}`),
  );
  assert.equal(toIndexPrefix(''), '.runs/');
  assert.equal(toIndexedRunKey('', `.runs/8204270709876~shop~web-1~${RUN}`), `shop/web-1/${RUN}`);
  assert.equal(toIndexedRunKey('ci', `ci/shop/web-1/${RUN}/started.json`), null);
  assert.equal(toIndexedRunKey('ci', 'ci/.runs/notes.txt'), null);
  assert.equal(toIndexedRunKey('ci', 'ci/.runs/8204270709876~..~x'), null);
});

test('uploads write the entries: with started.json at the start, after finished.json at the end', () => {
  const run = toRunObjects('s3://records/ci', { app: 'shop', processType: 'web', instanceIndex: 1 }, RUN);
  const atStart = run.index('/d/started.json');
  assert.deepEqual(
    atStart.map((o) => [o.key, o.parts]),
    toIndexKeys('ci', run.runKey, RUN).map((key) => [key, ['/d/started.json']]),
  );
  const end = run.toLastBatch('/d', ['a.log', 'finished.json', 'started.json'], false);
  assert.deepEqual(
    end.last.map((o) => [o.key, o.parts[0]]),
    [
      [`ci/shop/web-1/${RUN}/finished.json`, '/d/finished.json'],
      ...toIndexKeys('ci', run.runKey, RUN).map((key) => [key, '/d/finished.json']),
    ],
  );
  const unfinished = run.toLastBatch('/d', ['a.log', 'started.json'], false);
  assert.deepEqual(
    unfinished.last.map((o) => o.parts[0]),
    ['/d/started.json', '/d/started.json', '/d/started.json'],
  );
});
