import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { toBuildpackSource, toShownUrl } from '../../../src/staging/buildpack-source.js';

test('-b takes a path, a URL whose path ends in .zip, or any other URL as a git repository (#fragment: the ref)', () => {
  assert.deepEqual(toBuildpackSource('fixtures/buildpacks/procfile'), {
    kind: 'path',
    path: 'fixtures/buildpacks/procfile',
  });
  assert.deepEqual(toBuildpackSource('/tmp/sidecar_buildpack-cached-cflinuxfs4-v0.1.0.zip'), {
    kind: 'path',
    path: '/tmp/sidecar_buildpack-cached-cflinuxfs4-v0.1.0.zip',
  });
  assert.deepEqual(toBuildpackSource('https://example.com/bp/sidecar_buildpack-cflinuxfs4-v0.1.0.zip'), {
    kind: 'zip-url',
    url: 'https://example.com/bp/sidecar_buildpack-cflinuxfs4-v0.1.0.zip',
    name: 'sidecar_buildpack-cflinuxfs4-v0.1.0',
  });
  // the builder looks at the URL's path: a query does not make a zip, nor hide one
  assert.equal(toBuildpackSource('https://example.com/download.zip?token=abc').kind, 'zip-url');
  assert.equal(toBuildpackSource('https://example.com/download?file=bp.zip').kind, 'git-url');
  assert.deepEqual(toBuildpackSource('https://github.com/ORG/sidecar-buildpack#v0.2.0'), {
    kind: 'git-url',
    url: 'https://github.com/ORG/sidecar-buildpack',
    ref: 'v0.2.0',
    name: 'sidecar-buildpack',
  });
  assert.deepEqual(toBuildpackSource('http://127.0.0.1:8080/repo.git'), {
    kind: 'git-url',
    url: 'http://127.0.0.1:8080/repo.git',
    ref: null,
    name: 'repo',
  });
  assert.deepEqual(toBuildpackSource('https://host/'), {
    kind: 'git-url',
    url: 'https://host/',
    ref: null,
    name: 'buildpack',
  });
});

test("a URL's password or token never reaches the log", () => {
  assert.equal(
    toShownUrl('https://user:ghp_token@github.com/ORG/repo.git'),
    'https://***@github.com/ORG/repo.git',
  );
  assert.equal(toShownUrl('https://token@host/a@b.zip'), 'https://***@host/a@b.zip');
  assert.equal(toShownUrl('https://host/a@b.zip'), 'https://host/a@b.zip');
});
