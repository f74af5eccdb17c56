import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  assertTransition,
  canTransition,
  isLive,
  isTerminal,
  PROCESS_STATES,
  type ProcessState,
} from '../../../../src/supervisor/model/state.js';

const LEGAL: ReadonlySet<string> = new Set([
  'pending>waiting',
  'pending>starting',
  'pending>killed',
  'waiting>starting',
  'waiting>killed',
  'starting>running',
  'starting>exited',
  'starting>killed',
  'running>healthy',
  'running>restarting',
  'running>exited',
  'running>killed',
  'healthy>exited',
  'healthy>restarting',
  'healthy>killed',
  'restarting>starting',
  'restarting>killed',
]);

test('every pair of states: legal exactly when listed, and assertTransition agrees', () => {
  let checked = 0;
  for (const from of PROCESS_STATES) {
    for (const to of PROCESS_STATES) {
      const legal = LEGAL.has(`${from}>${to}`);
      assert.equal(canTransition(from, to), legal, `${from} → ${to}`);
      if (legal) assert.doesNotThrow(() => assertTransition('p', from, to));
      else
        assert.throws(() => assertTransition('p', from, to), {
          message: `p: cannot go from ${from} to ${to}`,
        });
      checked += 1;
    }
  }
  assert.equal(checked, 64);
});

test('only exited and killed are terminal', () => {
  const terminal = PROCESS_STATES.filter((s: ProcessState) => isTerminal(s));
  assert.deepEqual(terminal, ['exited', 'killed']);
});

test('the restart path: a run that ends goes to restarting, then starts again; restarting is not live', () => {
  const path: ProcessState[] = ['pending', 'starting', 'running', 'healthy', 'restarting', 'starting'];
  path.push('running', 'restarting', 'starting', 'running', 'exited');
  for (let i = 1; i < path.length; i += 1) {
    assert.doesNotThrow(() => assertTransition('p', path[i - 1] as ProcessState, path[i] as ProcessState));
  }
  assert.equal(canTransition('restarting', 'killed'), true, 'a stop during the back-off ends it at once');
  assert.equal(canTransition('exited', 'restarting'), false, 'exited stays final');
  assert.equal(isLive('restarting'), false);
});
