import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toEventLine, toStatusTable } from '../../../../src/supervisor/api/status-table.js';

test('the status table: state, health, memory / limit, restarts, last exit', () => {
  const table = toStatusTable('unix:/tmp/sidecars/sidecars-web.sock', {
    finished: false,
    pid: 4242,
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
      'unix:/tmp/sidecars/sidecars-web.sock (running, pid 4242)',
      'NAME         STATE    HEALTH   MEMORY        RESTARTS  LAST EXIT',
      'agent        running  -        12.5 / 64 MB  0         -',
      'log-shipper  killed   failing  - MB          2         oom (SIGKILL)',
    ].join('\n'),
  );
});

test('the header of an older supervisor, which gives no pid, has none', () => {
  const table = toStatusTable('127.0.0.1:9', { finished: true, processes: {} });
  assert.equal(table.split('\n')[0], '127.0.0.1:9 (finished)');
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

test('a sidecar in its back-off shows when it starts again; its restarting event, the attempt and delay', () => {
  const table = toStatusTable('unix:/s.sock', {
    finished: false,
    processes: {
      crasher: {
        state: 'restarting',
        pid: null,
        health: 'failing',
        rss_mb: null,
        limit_mb: 64,
        restarts: 2,
        last_exit: { exit_code: 3, signal: null, reason: 'exited' },
        since: 1,
        next_restart_at: Date.UTC(2026, 0, 1, 12, 0, 5) / 1000,
      },
    },
  });
  assert.equal(
    table.split('\n')[2],
    'crasher  restarting at 12:00:05Z  failing  - / 64 MB  2         exited (code 3)',
  );
  const at = Date.UTC(2026, 0, 1, 12, 0, 1, 234);
  const line = {
    type: 'process.restarting',
    name: 'crasher',
    cause: 'exited',
    attempt: 2,
    delayMs: 2000,
    at,
  };
  assert.equal(
    toEventLine(JSON.stringify(line), null),
    '12:00:01.234 [crasher] process.restarting exited (restart 2, in 2000 ms)',
  );
  assert.equal(
    toEventLine(JSON.stringify({ ...line, reason: 'operator', attempt: 0, delayMs: 0 }), null),
    '12:00:01.234 [crasher] process.restarting exited (by an operator)',
  );
});
