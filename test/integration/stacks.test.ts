// The stacks bin/supply stages on: cflinuxfs4 and cflinuxfs5 (one Node.js binary serves both);
// cflinuxfs3 is refused with the reason, and a per-stack zip refuses another stack.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { checkStack, readSupportedStacks } from '../../src/staging/stacks.js';
import { BIN, FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { createStagingLayout } from '../helpers/staging-layout.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

async function supply(t: Parameters<typeof createStagingLayout>[0], stack: string) {
  const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'grouped-web'));
  const result = await runBin(
    path.join(BIN, 'supply'),
    [layout.buildDir, layout.cacheDir, layout.depsDir, layout.depsIdx],
    {
      env: { CF_STACK: stack, MEMORY_LIMIT: '1G' },
    },
  );
  return { result, layout };
}

test(
  'bin/supply stages with CF_STACK=cflinuxfs5 as with cflinuxfs4: the same files',
  { timeout: 60_000 },
  async (t) => {
    const fs5 = await supply(t, 'cflinuxfs5');
    const fs4 = await supply(t, 'cflinuxfs4');
    assert.equal(fs5.result.exitCode, 0, fs5.result.all);
    assert.equal(fs4.result.exitCode, 0, fs4.result.all);
    for (const file of ['launch.yml', 'runtime-config.json', 'config.yml']) {
      assert.equal(
        await readFile(path.join(fs5.layout.depDir, file), 'utf8'),
        await readFile(path.join(fs4.layout.depDir, file), 'utf8'),
        file,
      );
    }
  },
);

test('bin/supply refuses cflinuxfs3 with the reason, and writes nothing', { timeout: 60_000 }, async (t) => {
  const { result, layout } = await supply(t, 'cflinuxfs3');
  assert.equal(result.exitCode, 1);
  assert.match(
    result.all,
    /\*\*ERROR\*\* this buildpack does not stage on cflinuxfs3: it supports cflinuxfs4 and cflinuxfs5; cflinuxfs3 \(Ubuntu 18\.04\) has glibc 2\.27/,
  );
  assert.doesNotMatch(result.all, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.deepEqual(await readdir(layout.depDir), [], 'nothing under deps/<idx>');
});

test(
  'a per-stack zip serves its own stack only; the checkout every stack of its runtime',
  { timeout: 30_000 },
  async (t) => {
    assert.deepEqual(await readSupportedStacks(REPO_ROOT), ['cflinuxfs4', 'cflinuxfs5']);
    const dir = await makeTempDir(t, 'stacks-');
    await writeFile(
      path.join(dir, 'manifest.yml'),
      'stack: cflinuxfs5\ndependencies: [{name: node, cf_stacks: [cflinuxfs4, cflinuxfs5]}]\n',
    );
    const supported = await readSupportedStacks(dir);
    assert.deepEqual(supported, ['cflinuxfs5']);
    assert.throws(
      () => checkStack('cflinuxfs4', supported),
      /does not stage on cflinuxfs4: it supports cflinuxfs5/,
    );
    assert.doesNotThrow(() => checkStack(undefined, supported), 'no CF_STACK (a local test): no check');
  },
);
