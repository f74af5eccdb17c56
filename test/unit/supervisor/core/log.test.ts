import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { toLogRecord } from '../../../../src/supervisor/policies/log-events.js';

test('a memory breach is logged as an error with the figures, without the timestamp field', () => {
  const record = toLogRecord({
    type: 'memory.exceeded',
    name: 'hog',
    rssBytes: 72 * 1024 * 1024,
    pssBytes: null,
    limitBytes: 64 * 1024 * 1024,
    pids: [1, 2],
    at: 5,
  });
  assert.deepEqual(record, {
    level: 'error',
    msg: 'hog exceeded its memory limit: 72 MB > 64 MB',
    fields: {
      name: 'hog',
      rssBytes: 72 * 1024 * 1024,
      pssBytes: null,
      limitBytes: 64 * 1024 * 1024,
      pids: [1, 2],
    },
  });
});

test('a breach confirmed by PSS names the charged figure first and keeps the RSS sum beside it', () => {
  const mb = 1024 * 1024;
  const record = toLogRecord({
    type: 'memory.exceeded',
    name: 'prefork',
    rssBytes: 1210 * mb,
    pssBytes: 130 * mb,
    limitBytes: 100 * mb,
    pids: [1, 2, 3],
    at: 5,
  });
  assert.equal(record.msg, 'prefork exceeded its memory limit: 130 MB > 100 MB (PSS; RSS 1210 MB)');
  const below = toLogRecord({
    type: 'memory.shared_below_limit',
    name: 'prefork',
    rssBytes: 1210 * mb,
    pssBytes: 117 * mb,
    limitBytes: 128 * mb,
    at: 5,
  });
  assert.equal(below.level, 'info');
  assert.equal(
    below.msg,
    'prefork: RSS 1210 MB is over its limit of 128 MB, but shared pages counted once (PSS) make 117 MB: not killed',
  );
});
