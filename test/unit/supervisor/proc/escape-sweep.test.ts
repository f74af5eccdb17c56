import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { createEscapeSweep } from '../../../../src/supervisor/proc/escape-sweep.js';
import { TREE_TOKEN_VAR } from '../../../../src/supervisor/proc/tree-tokens.js';

test('tagEnv gives each name one token and keeps the tokens of outer supervisors', () => {
  const sweep = createEscapeSweep('me.2', true);
  const web = sweep.tagEnv('web', { A: '1' });
  assert.deepEqual(web, { A: '1', [TREE_TOKEN_VAR]: 'me.2:0' });
  assert.deepEqual(sweep.tagEnv('agent', { [TREE_TOKEN_VAR]: 'outer.1:5' }), {
    [TREE_TOKEN_VAR]: 'outer.1:5 me.2:1',
  });
  assert.deepEqual(sweep.tagEnv('web', {}), { [TREE_TOKEN_VAR]: 'me.2:0' }, 'the same name, the same token');
  const off = createEscapeSweep('me.3', false);
  assert.deepEqual(off.tagEnv('web', { A: '1' }), { A: '1' }, 'no /proc: nothing to find, nothing tagged');
});

test("openCheck gives each run of a check a token of its own, never a command's", () => {
  const sweep = createEscapeSweep('me.4', true);
  assert.deepEqual(sweep.tagEnv('web', {}), { [TREE_TOKEN_VAR]: 'me.4:0' });
  const first = sweep.openCheck({ A: '1', [TREE_TOKEN_VAR]: 'outer.1:5' });
  const second = sweep.openCheck({ A: '1' });
  assert.deepEqual(first.env, { A: '1', [TREE_TOKEN_VAR]: 'outer.1:5 me.4:1' });
  assert.deepEqual(second.env, { A: '1', [TREE_TOKEN_VAR]: 'me.4:2' });
  assert.deepEqual(
    sweep.tagEnv('agent', {}),
    { [TREE_TOKEN_VAR]: 'me.4:3' },
    'a name after them: the next number',
  );
  assert.deepEqual(sweep.tagEnv('web', {}), { [TREE_TOKEN_VAR]: 'me.4:0' });
  const off = createEscapeSweep('me.5', false).openCheck({ A: '1' });
  assert.deepEqual(off.env, { A: '1' }, 'no /proc: a check is its process group');
  off.end(null);
});
