import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';

import { SidecarError } from '../../../src/common/errors.js';
import {
  parseStatusAddress,
  toAddressText,
  toDefaultSocket,
} from '../../../src/supervisor/status-address.js';

test('loopback TCP addresses and unix sockets are accepted', () => {
  assert.deepEqual(parseStatusAddress('127.0.0.1:0', '/w'), { kind: 'tcp', host: '127.0.0.1', port: 0 });
  assert.deepEqual(parseStatusAddress('localhost:8081', '/w'), {
    kind: 'tcp',
    host: '127.0.0.1',
    port: 8081,
  });
  assert.deepEqual(parseStatusAddress('127.1.2.3:9', '/w'), { kind: 'tcp', host: '127.1.2.3', port: 9 });
  assert.deepEqual(parseStatusAddress('[::1]:9', '/w'), { kind: 'tcp', host: '::1', port: 9 });
  assert.deepEqual(parseStatusAddress('unix:api.sock', '/w'), { kind: 'unix', path: '/w/api.sock' });
  assert.equal(toAddressText({ kind: 'tcp', host: '::1', port: 9 }), '[::1]:9');
  assert.deepEqual(toDefaultSocket('/home/vcap/tmp', 'sidecars-web'), {
    kind: 'unix',
    path: '/home/vcap/tmp/sidecars/sidecars-web.sock',
  });
});

test('anything else is refused with what to write instead', () => {
  for (const [text, message] of [
    [
      '0.0.0.0:80',
      '--status 0.0.0.0:80: 0.0.0.0 is not a loopback address; the state API has no authentication and listens only on loopback or a unix socket',
    ],
    [
      '[::]:80',
      '--status [::]:80: :: is not a loopback address; the state API has no authentication and listens only on loopback or a unix socket',
    ],
    ['8080', '--status 8080: not an address (unix:PATH or HOST:PORT)'],
    ['127.0.0.1:70000', '--status 127.0.0.1:70000: 70000 is not a port number'],
    ['unix:', '--status unix:: no socket path'],
  ] as const) {
    assert.throws(
      () => parseStatusAddress(text, '/w'),
      (error: unknown) =>
        error instanceof SidecarError &&
        error.code === 'usage' &&
        error.message === message &&
        error.hint === 'Use --status unix:PATH or --status 127.0.0.1:PORT (PORT 0 picks a free port).',
    );
  }
});
