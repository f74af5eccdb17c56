import '../../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessView, StateBody } from '../../../../src/supervisor/model/process-view.js';
import { checkWait } from '../../../../src/supervisor/api/wait-state.js';

function view(state: ProcessView['state'], health: ProcessView['health']): ProcessView {
  return { state, pid: 1, health, rss_mb: null, limit_mb: null, restarts: 0, last_exit: null, since: 0 };
}

function body(processes: Record<string, ProcessView>): StateBody {
  return { finished: false, processes };
}

test('healthy: its check passed, or running without a check', () => {
  const bodies = [body({ proxy: view('healthy', 'passing'), agent: view('running', null) })];
  assert.equal(checkWait(bodies, ['proxy', 'agent']).ready, true);
});

test('running with a check not yet passed, or missing: not ready, and what was seen', () => {
  const check = checkWait([body({ proxy: view('running', 'unknown') })], ['proxy', 'ghost']);
  assert.equal(check.ready, false);
  assert.deepEqual(
    [...check.seen],
    [
      ['proxy', 'running, health unknown'],
      ['ghost', 'not found in any supervisor of this container'],
    ],
  );
});

test('a nested exec sidecar as run lists it, in any of the supervisors', () => {
  const bodies = [
    body({ web: view('running', 'passing') }),
    body({ 'sidecars-web/proxy': view('healthy', 'passing') }),
  ];
  assert.equal(checkWait(bodies, ['proxy']).ready, true);
});
