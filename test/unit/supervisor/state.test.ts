import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';

import {
  assertTransition,
  canTransition,
  isTerminal,
  PROCESS_STATES,
  type ProcessState,
} from '../../../src/supervisor/state.js';

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
  'running>exited',
  'running>killed',
  'healthy>exited',
  'healthy>killed',
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
  assert.equal(checked, 49);
});

test('only exited and killed are terminal', () => {
  const terminal = PROCESS_STATES.filter((s: ProcessState) => isTerminal(s));
  assert.deepEqual(terminal, ['exited', 'killed']);
});
