// `sidecars validate [PATH]`: the staging validation, offline, through the real bin/sidecars shim.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, FIXTURES } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const SIDECARS = path.join(BIN, 'sidecars');

test('a valid file passes, checked against the Procfile beside it', { timeout: 30_000 }, async () => {
  const file = path.join(FIXTURES, 'apps', 'grouped-multi-type', 'sidecars.yml');
  const result = await runBin(SIDECARS, ['validate', file]);
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.all, `       ${file}: valid (2 sidecars, layout grouped)`);
});

test('the default path is ./sidecars.yml, and warnings do not fail', { timeout: 30_000 }, async () => {
  const result = await runBin(SIDECARS, ['validate'], {
    cwd: path.join(FIXTURES, 'apps', 'warnings-unknown-type'),
  });
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(
    result.all,
    [
      '       **WARNING** sidecars.yml:6 sidecars[0].sidecar_for[1]: process type "scheduler" is not web and not in the Procfile; unless the final buildpack defines it, this sidecar never runs beside it',
      '       Check the spelling, or add "scheduler: <command>" to the Procfile.',
      '       sidecars.yml: valid (1 sidecar, layout grouped)',
    ].join('\n'),
  );
});

test('--memory checks the sidecars against the app memory', { timeout: 30_000 }, async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars.yml');
  await writeFile(file, 'sidecars:\n  - name: big\n    command: ./big\n    memory: 200M\n');
  assert.equal((await runBin(SIDECARS, ['validate', file])).exitCode, 0);
  const result = await runBin(SIDECARS, ['validate', file, '--memory', '256M']);
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.all,
    [
      `       **ERROR** ${file}:4 sidecars[0].memory: the sidecars of "web" declare 264 MB (big 200 MB + supervisor 64 MB), which is not below the process memory of 256 MB (memory 256M)`,
      "       Lower the sidecars' memory, or give the app more than 264 MB (cf push -m, or memory: in manifest.yml); the platform requires the sidecars' total to be strictly below the process memory.",
    ].join('\n'),
  );
});

test('a missing file and a bad flag are errors with a way out', { timeout: 30_000 }, async (t) => {
  const dir = await makeTempDir(t);
  const missing = await runBin(SIDECARS, ['validate'], { cwd: dir });
  assert.equal(missing.exitCode, 1);
  assert.equal(
    missing.all,
    '       **ERROR** sidecars.yml: no such file\n       Pass the path of a sidecars.yml, or run this in the app directory.',
  );
  const badFlag = await runBin(SIDECARS, ['validate', '--frobnicate'], { cwd: dir });
  assert.equal(badFlag.exitCode, 1);
  assert.match(badFlag.all, /\*\*ERROR\*\* Unknown option '--frobnicate'/);
});
