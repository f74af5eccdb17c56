import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { parseWebAddress } from '../../../src/cli/status-web.js';

test('--web takes loopback TCP only', () => {
  assert.deepEqual(parseWebAddress('127.0.0.1:0'), { kind: 'tcp', host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseWebAddress('localhost:8090'), { kind: 'tcp', host: '127.0.0.1', port: 8090 });
  assert.deepEqual(parseWebAddress('[::1]:8090'), { kind: 'tcp', host: '::1', port: 8090 });
  assert.throws(() => parseWebAddress('0.0.0.0:8090'), {
    message: /^--web 0\.0\.0\.0:8090: 0\.0\.0\.0 is not a loopback address/,
  });
  assert.throws(() => parseWebAddress('unix:/tmp/x.sock'), {
    message: '--web unix:/tmp/x.sock: a browser cannot open a unix socket',
  });
});
