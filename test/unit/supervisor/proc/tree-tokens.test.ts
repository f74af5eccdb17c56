import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  parseTreeTokens,
  toTreeTokensEnv,
  TREE_TOKEN_VAR,
  withTreeToken,
} from '../../../../src/supervisor/proc/tree-tokens.js';

const environ = (...vars: string[]): Buffer => Buffer.from(`${vars.join('\0')}\0`, 'latin1');

test('parseTreeTokens finds the numbers of one supervisor among every token, wherever the variable stands', () => {
  const env = environ('HOME=/x', `${TREE_TOKEN_VAR}=outer.1:0 me.2:3`, 'PATH=/bin');
  assert.deepEqual(parseTreeTokens(env, env.length, 'me.2'), [3]);
  assert.deepEqual(parseTreeTokens(env, env.length, 'outer.1'), [0]);
  assert.deepEqual(parseTreeTokens(env, env.length, 'me'), [], 'an id is matched whole, not as a prefix');
  const first = environ(`${TREE_TOKEN_VAR}=me.2:12`);
  assert.deepEqual(parseTreeTokens(first, first.length, 'me.2'), [12]);
});

test('parseTreeTokens ignores the name inside another variable and bytes past the length', () => {
  const inValue = environ(`X=${TREE_TOKEN_VAR}=me.2:1`, `NOT_${TREE_TOKEN_VAR}=me.2:2`);
  assert.deepEqual(parseTreeTokens(inValue, inValue.length, 'me.2'), []);
  const env = environ('A=1', `${TREE_TOKEN_VAR}=me.2:4`);
  assert.deepEqual(parseTreeTokens(env, 4, 'me.2'), [], 'only the first 4 bytes were read');
  assert.deepEqual(parseTreeTokens(Buffer.alloc(0), 0, 'me.2'), []);
});

test('withTreeToken appends after the tokens already there; toTreeTokensEnv keeps only those', () => {
  assert.deepEqual(withTreeToken({ A: '1' }, 'me.2:0'), { A: '1', [TREE_TOKEN_VAR]: 'me.2:0' });
  assert.deepEqual(withTreeToken({ [TREE_TOKEN_VAR]: '' }, 'me.2:0'), { [TREE_TOKEN_VAR]: 'me.2:0' });
  assert.deepEqual(withTreeToken({ [TREE_TOKEN_VAR]: 'outer.1:5' }, 'me.2:1'), {
    [TREE_TOKEN_VAR]: 'outer.1:5 me.2:1',
  });
  assert.deepEqual(toTreeTokensEnv({ A: '1', [TREE_TOKEN_VAR]: 'outer.1:5' }), {
    [TREE_TOKEN_VAR]: 'outer.1:5',
  });
  assert.deepEqual(toTreeTokensEnv({ A: '1' }), {});
  assert.deepEqual(toTreeTokensEnv({ [TREE_TOKEN_VAR]: '' }), {});
});
