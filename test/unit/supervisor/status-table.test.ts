import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';

import { toEventLine, toStatusTable } from '../../../src/supervisor/status-table.js';

test('the status table: state, health, memory / limit, restarts, last exit', () => {
  const table = toStatusTable('unix:/tmp/sidecars/sidecars-web.sock', {
    finished: false,
    processes: {
      agent: {
        state: 'running',
        pid: 7,
        health: null,
        rss_mb: 12.5,
        limit_mb: 64,
        restarts: 0,
        last_exit: null,
        since: 1,
      },
      'log-shipper': {
        state: 'killed',
        pid: 8,
        health: 'failing',
        rss_mb: null,
        limit_mb: null,
        restarts: 2,
        last_exit: { exit_code: null, signal: 'SIGKILL', reason: 'oom' },
        since: 2,
      },
    },
  });
  assert.equal(
    table,
    [
      'unix:/tmp/sidecars/sidecars-web.sock (running)',
      'NAME         STATE    HEALTH   MEMORY        RESTARTS  LAST EXIT',
      'agent        running  -        12.5 / 64 MB  0         -',
      'log-shipper  killed   failing  - MB          2         oom (SIGKILL)',
    ].join('\n'),
  );
});

test('a followed event as one line', () => {
  const at = Date.UTC(2026, 0, 1, 12, 0, 1, 234);
  assert.equal(
    toEventLine(
      JSON.stringify({ type: 'process.running', name: 'agent', cause: 'spawned', pid: 3, at }),
      null,
    ),
    '12:00:01.234 [agent] process.running spawned',
  );
  assert.equal(toEventLine('not json', 'x'), 'not json');
});
