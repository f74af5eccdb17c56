// loadBundle on a real CommonJS file, in real Node.js processes: a training run writes the V8 code
// cache at exit, the next start takes it, and a cache V8 refuses (another source, garbage) costs
// nothing but the cache: the module loads and runs the same.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { CODE_CACHE_EXT, WRITE_CODE_CACHE_ENV } from '../../src/cli/load-bundle.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const LOADER = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'load-bundle.js');

/** A bundle as esbuild writes them: CommonJS that requires builtins and exports a function. */
const BUNDLE = `const os = require('node:os');
function greet(name) { return 'hello ' + name + ' from ' + path.basename(__filename); }
const path = require('node:path');
module.exports = { greet, cpus: os.cpus().length > 0 };
`;

/** Loads the bundle in a new Node.js process and prints what it exports, and NODE_DEBUG's line. */
async function load(file: string, env: Record<string, string> = {}): Promise<{ out: string; debug: string }> {
  const script = `import(${JSON.stringify(LOADER)}).then(({ loadBundle }) => {
    const bundle = loadBundle(${JSON.stringify(file)});
    console.log(bundle.greet('tests'), bundle.cpus);
  });`;
  const result = await runBin(process.execPath, ['-e', script], { env: { NODE_DEBUG: 'sidecars', ...env } });
  assert.equal(result.exitCode, 0, result.all);
  return { out: result.stdout, debug: result.stderr.replace(/^SIDECARS \d+: /gm, '').trim() };
}

test('a training run writes the code cache at exit; the next start takes it', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-demo.cjs');
  await writeFile(file, BUNDLE);

  const first = await load(file, { [WRITE_CODE_CACHE_ENV]: '1' });
  assert.equal(first.out, 'hello tests from sidecars-demo.cjs true');
  assert.equal(first.debug, 'sidecars-demo.cjs: no code cache');
  const cache = await stat(`${file}${CODE_CACHE_EXT}`);
  assert.ok(cache.size > 0, 'a cache was written');

  const second = await load(file);
  assert.equal(second.out, first.out);
  assert.equal(second.debug, 'sidecars-demo.cjs: code cache accepted');
  assert.equal((await stat(`${file}${CODE_CACHE_EXT}`)).mtimeMs, cache.mtimeMs, 'only training writes');
});

test('a cache V8 refuses is ignored: a changed bundle, or bytes that are no cache at all', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-demo.cjs');
  await writeFile(file, BUNDLE);
  await load(file, { [WRITE_CODE_CACHE_ENV]: '1' });

  await writeFile(file, BUNDLE.replace("'hello '", "'hi '"));
  const changed = await load(file);
  assert.equal(changed.out, 'hi tests from sidecars-demo.cjs true');
  assert.equal(changed.debug, 'sidecars-demo.cjs: code cache rejected');

  await writeFile(`${file}${CODE_CACHE_EXT}`, 'not a code cache');
  const garbage = await load(file);
  assert.equal(garbage.out, 'hi tests from sidecars-demo.cjs true');
  assert.equal(garbage.debug, 'sidecars-demo.cjs: code cache rejected');
  assert.equal(await readFile(`${file}${CODE_CACHE_EXT}`, 'utf8'), 'not a code cache', 'left as it was');
});

test('an error in the bundle keeps its file and line in the stack', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-broken.cjs');
  await writeFile(file, "const a = 1;\nthrow new Error('broken at load');\n");
  const script = `import(${JSON.stringify(LOADER)}).then(({ loadBundle }) => loadBundle(${JSON.stringify(file)}));`;
  const result = await runBin(process.execPath, ['-e', script]);
  assert.equal(result.exitCode, 1);
  assert.match(result.stderr, /Error: broken at load/);
  assert.ok(result.stderr.includes(`${file}:2`), result.stderr);
});
