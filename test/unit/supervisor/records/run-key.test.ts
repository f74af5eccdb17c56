import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  toInstanceKey,
  toKeySegment,
  toRunId,
  toRunKey,
  toRunOrigin,
} from '../../../../src/supervisor/records/run-key.js';

test('run ids sort by start time as text, and two started in the same millisecond differ', () => {
  const a = toRunId(Date.UTC(2026, 10, 26, 21, 41, 30, 123), () => 0.5);
  assert.equal(a, '20261126T214130-123Z-80000000');
  const ids = [
    toRunId(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
    toRunId(Date.UTC(2026, 0, 2, 3, 4, 5, 60)),
    toRunId(Date.UTC(2026, 9, 1)),
    toRunId(Date.UTC(2027, 0, 1)),
  ];
  assert.deepEqual([...ids].sort(), ids);
  assert.notEqual(toRunId(0), toRunId(0));
});

test('keys: PREFIX/<app>/<type>-<index>/<run id>, every segment safe', () => {
  const origin = { app: 'my app/../x', processType: 'web', instanceIndex: 3 };
  assert.equal(toInstanceKey({ bucket: 'b', prefix: 'ci' }, origin), 'ci/my_app_.._x/web-3');
  assert.equal(toRunKey({ bucket: 'b', prefix: '' }, origin, 'R1'), 'my_app_.._x/web-3/R1');
  assert.equal(toKeySegment('..'), '_');
  assert.equal(toKeySegment(''), '_');
});

test('toRunOrigin reads VCAP_APPLICATION, with fallbacks for what it lacks', () => {
  assert.deepEqual(
    toRunOrigin(JSON.stringify({ application_name: 'shop', process_type: 'worker', instance_index: 2 }), {
      app: 'local',
      processType: 'web',
    }),
    { app: 'shop', processType: 'worker', instanceIndex: 2 },
  );
  assert.deepEqual(toRunOrigin('{bad', { app: 'droplet', processType: 'web', instanceIndex: '1' }), {
    app: 'droplet',
    processType: 'web',
    instanceIndex: 1,
  });
});
