import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseWaitedSidecars } from '../../../src/config/waited-sidecars.js';

test('reads the names of sidecars wait in a start command', () => {
  assert.deepEqual(parseWaitedSidecars('sidecars wait proxy && ./start'), ['proxy']);
  assert.deepEqual(parseWaitedSidecars('sidecars wait proxy agent --timeout 30; exec ./start'), [
    'proxy',
    'agent',
  ]);
  assert.deepEqual(parseWaitedSidecars('"$DEPS_DIR/0/bin/sidecars" wait --timeout 5 proxy&&node app.js'), [
    'proxy',
  ]);
  assert.deepEqual(parseWaitedSidecars('$DEPS_DIR/0/bin/sidecars wait a && sidecars wait b a'), ['a', 'b']);
});

test('ignores commands that do not wait', () => {
  assert.deepEqual(parseWaitedSidecars('./start --wait proxy'), []);
  assert.deepEqual(parseWaitedSidecars('sidecars status && echo wait proxy'), []);
  assert.deepEqual(parseWaitedSidecars('mysidecars wait proxy'), []);
});
