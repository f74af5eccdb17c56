import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { toPrettyLine } from '../../../src/supervisor/log.js';
import { toLogRecord } from '../../../src/supervisor/policies/log-events.js';

test('toPrettyLine turns a pino JSON line into one readable terminal line', () => {
  const json =
    '{"level":"info","time":"2026-11-22T01:01:48.117Z","proc":"web","event":"process.running","pid":42,"cause":"spawned"}\n';
  assert.equal(toPrettyLine(json), '01:01:48.117 INFO  [web] process.running pid=42 cause=spawned\n');
  assert.equal(toPrettyLine('not json\n'), 'not json\n');
});

test('a memory breach is logged as an error with the figures, without the timestamp field', () => {
  const record = toLogRecord({
    type: 'memory.exceeded',
    name: 'hog',
    rssBytes: 72 * 1024 * 1024,
    limitBytes: 64 * 1024 * 1024,
    pids: [1, 2],
    at: 5,
  });
  assert.deepEqual(record, {
    level: 'error',
    msg: 'hog exceeded its memory limit: 72 MB > 64 MB',
    fields: { name: 'hog', rssBytes: 72 * 1024 * 1024, limitBytes: 64 * 1024 * 1024, pids: [1, 2] },
  });
});
