// A supply-only buildpack: never detected, and refusing to be the last buildpack.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { BIN } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const NOT_LAST = [
  '       **ERROR** The sidecar buildpack must not be the last buildpack: it only supplies sidecars.',
  '       Name your language buildpack after it, e.g.:',
  '       cf push APP -b sidecar_buildpack -b nodejs_buildpack',
].join('\n');

test('bin/detect exits 1 so that the buildpack is never auto-selected', { timeout: 10_000 }, async (t) => {
  const app = await makeTempDir(t);
  const result = await runBin(path.join(BIN, 'detect'), [app]);
  assert.equal(result.exitCode, 1);
  assert.equal(result.all, '');
});

for (const phase of ['finalize', 'compile', 'release']) {
  test(`bin/${phase} refuses: this buildpack must not be last`, { timeout: 10_000 }, async (t) => {
    const dir = await makeTempDir(t);
    const result = await runBin(path.join(BIN, phase), [dir, dir, dir, '0']);
    assert.equal(result.exitCode, 1);
    assert.equal(result.stderr, NOT_LAST);
  });
}
