import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  MAX_REDIRECTS,
  resolveRedirect,
  toDisplayUrl,
  toReferer,
  toSlurpBytes,
} from '../../../../src/supervisor/health/resolve-redirect.js';

const FROM = new URL('http://127.0.0.1:8080/health?x=1');

function follow(status: number, location: string, redirects = 0): string | undefined {
  const step = resolveRedirect(status, location, FROM, redirects);
  return step.kind === 'follow' ? step.url.href : undefined;
}

test('301, 302, 303, 307 and 308 are followed; relative and absolute Locations resolve as Go does', () => {
  for (const status of [301, 302, 303, 307, 308]) {
    assert.equal(follow(status, '/health/'), 'http://127.0.0.1:8080/health/');
  }
  assert.equal(follow(301, 'live'), 'http://127.0.0.1:8080/live');
  assert.equal(follow(301, '?y=2'), 'http://127.0.0.1:8080/health?y=2');
  assert.equal(follow(301, '//10.0.0.7:61001/h'), 'http://10.0.0.7:61001/h');
  assert.equal(follow(301, 'https://127.0.0.1:8080/health'), 'https://127.0.0.1:8080/health');
  assert.equal(follow(302, '/h#top'), 'http://127.0.0.1:8080/h', 'the fragment is never sent');
});

test('any other status, or a redirect without Location, is final: the status decides', () => {
  for (const status of [200, 204, 300, 304, 305, 306, 404]) {
    assert.deepEqual(resolveRedirect(status, '/x', FROM, 0), { kind: 'final' });
  }
  assert.deepEqual(resolveRedirect(302, undefined, FROM, 0), { kind: 'final' });
  assert.deepEqual(resolveRedirect(308, '', FROM, 0), { kind: 'final' });
});

test('the 10th redirect response is refused, before its Location is looked at', () => {
  assert.equal(MAX_REDIRECTS, 10);
  assert.equal(follow(302, '/next', 8), 'http://127.0.0.1:8080/next');
  assert.deepEqual(resolveRedirect(302, '/next', FROM, 9), {
    kind: 'refused',
    detail: 'HTTP 302: stopped after 10 redirects',
  });
  assert.deepEqual(resolveRedirect(302, 'ftp://x/', FROM, 9), {
    kind: 'refused',
    detail: 'HTTP 302: stopped after 10 redirects',
  });
});

test('a Location that is no URL, or not http(s), is refused with a detail that echoes no value', () => {
  assert.deepEqual(resolveRedirect(301, 'http://[::1', FROM, 0), {
    kind: 'refused',
    detail: 'HTTP 301 with a Location that is not a URL',
  });
  assert.deepEqual(resolveRedirect(302, 'ftp://user:secret@host/x', FROM, 0), {
    kind: 'refused',
    detail: 'HTTP 302 to an unsupported protocol scheme "ftp"',
  });
});

test('Referer: the previous URL without credentials or fragment, none from https to http', () => {
  const previous = new URL('https://user:pw@example.com/a?b=1#c');
  assert.equal(toReferer(previous, new URL('https://example.com/x')), 'https://example.com/a?b=1');
  assert.equal(toReferer(previous, new URL('http://example.com/x')), undefined);
  assert.equal(toReferer(FROM, new URL('https://example.com/')), 'http://127.0.0.1:8080/health?x=1');
});

test('URLs in messages lose their credentials', () => {
  assert.equal(toDisplayUrl(new URL('https://user:pw@example.com/h')), 'https://example.com/h');
});

test('a redirect body is read up to 2 KiB when it is that small or of unknown length', () => {
  assert.equal(toSlurpBytes(undefined), 2048);
  assert.equal(toSlurpBytes('0'), 2048);
  assert.equal(toSlurpBytes('2048'), 2048);
  assert.equal(toSlurpBytes('2049'), 0);
});
