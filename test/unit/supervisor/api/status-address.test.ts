import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { SidecarError } from '../../../../src/common/errors.js';
import {
  MAX_SOCKET_PATH_BYTES,
  parseStatusAddress,
  toAddressText,
  toDefaultSocket,
  toFallbackSocket,
  toFallbackSocketDir,
  toSocketLock,
  toSocketPathProblem,
  toSocketSuffixPid,
  toSuffixedSocket,
} from '../../../../src/supervisor/api/status-address.js';
import { toShortHash } from '../../../../src/common/short-hash.js';

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

test('a unix socket path over 107 bytes is refused, before Node.js would cut it short', () => {
  const dir = `/w/${'d'.repeat(90)}`;
  assert.equal(MAX_SOCKET_PATH_BYTES, 107);
  assert.equal(toSocketPathProblem(`/${'a'.repeat(106)}`), null);
  assert.equal(
    toSocketPathProblem(`/${'a'.repeat(107)}`),
    'the socket path is 108 bytes, over the 107-byte limit of a unix socket path',
  );
  // bytes, not characters: é is 2 bytes
  assert.notEqual(toSocketPathProblem(`/${'é'.repeat(60)}`), null);
  assert.throws(
    () => parseStatusAddress('unix:api-socket-name.sock', dir),
    (error: unknown) =>
      error instanceof SidecarError &&
      error.code === 'usage' &&
      error.message ===
        `--status unix:api-socket-name.sock: the socket path is 114 bytes, over the 107-byte limit of a unix socket path (${dir}/api-socket-name.sock)` &&
      error.hint ===
        'Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).',
  );
});

test('the fallback socket: a short private dir under /tmp named for the uid and TMPDIR', () => {
  assert.equal(toShortHash(''), 'cbf29ce484222325'); // FNV-1a 64 test vectors
  assert.equal(toShortHash('a'), 'af63dc4c8601ec8c');
  const tmpDir = `/builds/${'x'.repeat(120)}/droplet/tmp`;
  const dir = toFallbackSocketDir(tmpDir, 2000);
  assert.match(dir, /^\/tmp\/sidecars-2000-[0-9a-f]{16}$/);
  assert.equal(toFallbackSocketDir(`${tmpDir}/`, 2000), dir, 'the same dir for the same TMPDIR');
  assert.notEqual(toFallbackSocketDir(tmpDir, 2001), dir, 'one per user');
  assert.notEqual(toFallbackSocketDir(`${tmpDir}2`, 2000), dir, 'one per TMPDIR');
  assert.deepEqual(toFallbackSocket(tmpDir, 'sidecars-web', 2000), {
    kind: 'unix',
    path: `${dir}/sidecars-web.sock`,
  });
  const longEntry = `sidecars-${'a'.repeat(70)}`;
  const named = toFallbackSocket(tmpDir, longEntry, 2000);
  assert.deepEqual(named, { kind: 'unix', path: `${dir}/${toShortHash(longEntry)}.sock` });
  assert.equal(toSocketPathProblem(named.kind === 'unix' ? named.path : ''), null);
});

test('a socket path is claimed by a hidden lock file beside it; a supervisor that finds it held takes <name>.<pid>.sock', () => {
  assert.equal(
    toSocketLock('/home/vcap/tmp/sidecars/sidecars-web.sock'),
    '/home/vcap/tmp/sidecars/.sidecars-web.sock.lock',
  );
  const primary = toDefaultSocket('/home/vcap/tmp', 'sidecars-web');
  assert.deepEqual(toSuffixedSocket(primary, 4243), {
    kind: 'unix',
    path: '/home/vcap/tmp/sidecars/sidecars-web.4243.sock',
  });
  assert.equal(toSocketSuffixPid('/home/vcap/tmp/sidecars/sidecars-web.4243.sock'), 4243);
  assert.equal(toSocketSuffixPid('/home/vcap/tmp/sidecars/sidecars-web.sock'), null);
  assert.equal(toSocketSuffixPid('/home/vcap/tmp/sidecars/agent-2.sock'), null, 'an entry name holds no dot');
  const tcp = { kind: 'tcp', host: '127.0.0.1', port: 0 } as const;
  assert.deepEqual(toSuffixedSocket(tcp, 1), tcp);
});
