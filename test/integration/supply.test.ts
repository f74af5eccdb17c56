// The real bin/supply on the fixture apps, in a layout like the platform builder's, at DEPS_IDX 0
// (2 buildpacks) and 14 (15 buildpacks, zero-padded): files and staging log against reviewed goldens.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, FIXTURES, REPO_ROOT, UPDATE_GOLDEN } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { readShippedNodeVersion } from '../helpers/shipped-node.js';
import { createStagingLayout, type StagingLayout } from '../helpers/staging-layout.js';
import { digestTree } from '../helpers/tree-digest.js';

const APPS = [
  'grouped-web',
  'grouped-multi-type',
  'per-sidecar',
  'warnings-unknown-type',
  'no-sidecars',
  'records-upload',
];
const LAYOUTS = [
  { label: 'idx-0', buildpacks: 2, index: 0 },
  { label: 'idx-14', buildpacks: 15, index: 14 },
];
const GOLDEN_FILES = ['launch.yml', 'config.yml', 'runtime-config.json'];
const STAGING_ENV = {
  CF_STACK: 'cflinuxfs4',
  MEMORY_LIMIT: '2G',
  VCAP_SERVICES: '{"secret":"s3cr3t-value"}',
};

async function supply(layout: StagingLayout): Promise<Awaited<ReturnType<typeof runBin>>> {
  return runBin(
    path.join(BIN, 'supply'),
    [layout.buildDir, layout.cacheDir, layout.depsDir, layout.depsIdx],
    { env: STAGING_ENV },
  );
}

async function assertGolden(actual: string | undefined, golden: string): Promise<void> {
  if (UPDATE_GOLDEN) {
    await mkdir(path.dirname(golden), { recursive: true });
    if (actual === undefined) await writeFile(golden, '(absent)\n');
    else await writeFile(golden, actual);
  }
  const expected = await readFile(golden, 'utf8');
  assert.equal(actual ?? '(absent)\n', expected, `differs from ${path.relative(REPO_ROOT, golden)}`);
}

for (const app of APPS) {
  for (const { label, buildpacks, index } of LAYOUTS) {
    test(`bin/supply stages ${app} at ${label}`, { timeout: 60_000 }, async (t) => {
      const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', app), { buildpacks, index });
      const appBefore = await digestTree(layout.buildDir);
      const result = await supply(layout);
      assert.equal(result.exitCode, 0, result.all);
      const expectedDir = path.join(FIXTURES, 'expected', app, label);
      await assertGolden(`${result.all}\n`, path.join(expectedDir, 'staging.log'));
      for (const name of GOLDEN_FILES) {
        const actual = await readFile(path.join(layout.depDir, name), 'utf8').catch(() => undefined);
        await assertGolden(actual, path.join(expectedDir, name));
      }
      assert.doesNotMatch(result.all, /s3cr3t/, 'no secret in the staging log');

      // supply writes only under deps/<idx>: not the app, not the cache, not the other buildpacks' deps
      assert.deepEqual(await digestTree(layout.buildDir), appBefore);
      assert.deepEqual(await readdir(layout.cacheDir), []);
      for (const dep of await readdir(layout.depsDir)) {
        if (dep !== layout.depsIdx)
          assert.deepEqual(await readdir(path.join(layout.depsDir, dep)), [], `deps/${dep}`);
      }

      // running it again on the same dirs gives the same result
      const first = await digestTree(layout.depDir);
      const again = await supply(layout);
      assert.equal(again.exitCode, 0, again.all);
      assert.deepEqual(await digestTree(layout.depDir), first);
    });
  }
}

test('the installed supervisor runs from deps/<idx>/bin/sidecars', { timeout: 60_000 }, async (t) => {
  const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'grouped-web'));
  assert.equal((await supply(layout)).exitCode, 0);
  const version = (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim();
  const shim = path.join(layout.depDir, 'bin', 'sidecars');
  const result = await runBin(shim, ['--version'], { cwd: layout.buildDir });
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.stdout, `sidecars ${version} (Node.js ${readShippedNodeVersion()})`);
  const installed = await readdir(path.join(layout.depDir, 'lib', 'node_modules'));
  assert.ok(installed.includes('zod') && installed.includes('execa'), 'runtime packages installed');
  assert.ok(!installed.includes('typescript') && !installed.includes('eslint'), 'no dev packages installed');
});

test(
  'a stale launch.yml is removed when the app no longer declares sidecars',
  { timeout: 60_000 },
  async (t) => {
    const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'grouped-web'));
    assert.equal((await supply(layout)).exitCode, 0);
    await writeFile(path.join(layout.buildDir, 'sidecars.yml'), 'sidecars: []\n');
    const result = await supply(layout);
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all, /sidecars\.yml lists no sidecars\./);
    assert.ok(!(await readdir(layout.depDir)).includes('launch.yml'));
  },
);

test('bin/supply with the wrong number of arguments says how to call it', { timeout: 30_000 }, async () => {
  const result = await runBin(path.join(BIN, 'supply'), ['/tmp']);
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.all,
    '       **ERROR** bin/supply takes 4 arguments, got 1.\n       Usage: bin/supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX',
  );
});

test(
  'a sidecars.yml symlinked to a file inside the app is read, even one named "..x"',
  { timeout: 60_000 },
  async (t) => {
    const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'grouped-web'));
    await rename(
      path.join(layout.buildDir, 'sidecars.yml'),
      path.join(layout.buildDir, '..real-sidecars.yml'),
    );
    await symlink('..real-sidecars.yml', path.join(layout.buildDir, 'sidecars.yml'));
    const result = await supply(layout);
    assert.equal(result.exitCode, 0, result.all);
    assert.match(await readFile(path.join(layout.depDir, 'launch.yml'), 'utf8'), /type: sidecars-web/);
  },
);
