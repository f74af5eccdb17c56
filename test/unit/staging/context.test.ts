import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isPaddedIndex, isValidIndex } from '../../../src/staging/context.js';
import { parseProcfileTypes } from '../../../src/staging/procfile.js';

test('a two-digit DEPS_IDX means 10+ buildpacks: the platform then ignores launch.yml', () => {
  assert.equal(isPaddedIndex('0'), false);
  assert.equal(isPaddedIndex('8'), false);
  assert.equal(isPaddedIndex('00'), true);
  assert.equal(isPaddedIndex('14'), true);
  assert.equal(isValidIndex('14'), true);
  assert.equal(isValidIndex('../x'), false);
  assert.equal(isValidIndex(''), false);
});

test('Procfile types are read in order, without comments or duplicates', () => {
  assert.deepEqual(
    parseProcfileTypes('# c\nweb: node s.js\r\nworker:node w.js\n\nweb: again\nnot a type\n'),
    ['web', 'worker'],
  );
});
