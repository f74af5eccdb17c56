import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { toRunObjects } from '../../../../src/supervisor/records/run-objects.js';

const origin = { app: 'shop', processType: 'web', instanceIndex: 1 };

test('the last batch: every record file, finished.json alone and last, latest.txt only when asked', () => {
  const run = toRunObjects('s3://records/ci', origin, 'RUN');
  assert.equal(run.runKey, 'ci/shop/web-1/RUN');
  assert.equal(run.bucket, 'records');
  const files = ['a.exit', 'a.log', 'finished.json', 'sidecars-web/b.log', 'started.json'];
  const batch = run.toLastBatch('/d', files, true);
  assert.deepEqual(
    batch.objects.map((o) => o.key),
    [
      'ci/shop/web-1/RUN/a.exit',
      'ci/shop/web-1/RUN/a.log',
      'ci/shop/web-1/RUN/sidecars-web/b.log',
      'ci/shop/web-1/RUN/started.json',
      'ci/shop/web-1/latest.txt',
    ],
  );
  assert.deepEqual(batch.last[0], {
    key: 'ci/shop/web-1/RUN/finished.json',
    parts: ['/d/finished.json'],
    tailBytes: null,
    contentType: 'application/json',
  });
  // then the run's index entries (run-index.test.ts)
  assert.equal(batch.last.length, 4);
  assert.equal(run.latest.text, 'RUN\n');
  const without = run.toLastBatch('/d', ['a.log'], false);
  assert.deepEqual([without.objects.map((o) => o.key), without.last], [['ci/shop/web-1/RUN/a.log'], []]);
});
