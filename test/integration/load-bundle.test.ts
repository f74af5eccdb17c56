// loadBundle on a real CommonJS file, in real Node.js processes: a training run writes the V8 code
// cache at exit, the next start takes it, and a cache for other bytes (an edited bundle) or one V8
// refuses costs nothing but the cache: the module loads and runs the same, its own code.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { CODE_CACHE_EXT, WRITE_CODE_CACHE_ENV } from '../../src/cli/load-bundle.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
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
  const result = await runBin(SHIPPED_NODE, ['-e', script], { env: { NODE_DEBUG: 'sidecars', ...env } });
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

test('a cache for other bytes is not used: a changed bundle, even one of the same length', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-demo.cjs');
  await writeFile(file, BUNDLE);
  await load(file, { [WRITE_CODE_CACHE_ENV]: '1' });

  // V8 itself compares only the source's length: this edit keeps it
  const sameLength = BUNDLE.replace("'hello '", "'howdy '");
  assert.equal(sameLength.length, BUNDLE.length);
  await writeFile(file, sameLength);
  const edited = await load(file);
  assert.equal(edited.out, 'howdy tests from sidecars-demo.cjs true');
  assert.equal(edited.debug, 'sidecars-demo.cjs: code cache is for other bytes than this bundle: not used');

  await writeFile(file, BUNDLE.replace("'hello '", "'hi '"));
  const shorter = await load(file);
  assert.equal(shorter.out, 'hi tests from sidecars-demo.cjs true');
  assert.equal(shorter.debug, 'sidecars-demo.cjs: code cache is for other bytes than this bundle: not used');
});

test('a cache V8 refuses, or bytes that are no cache at all, cost only the cache', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-demo.cjs');
  await writeFile(file, BUNDLE);
  await load(file, { [WRITE_CODE_CACHE_ENV]: '1' });
  const cacheFile = `${file}${CODE_CACHE_EXT}`;

  // the right bundle in front of data that is not V8's: V8 rejects it
  const cache = await readFile(cacheFile);
  const header = cache.subarray(0, 4 + Buffer.byteLength(BUNDLE));
  await writeFile(cacheFile, Buffer.concat([header, Buffer.from('not V8 code cache data, not at all')]));
  const refused = await load(file);
  assert.equal(refused.out, 'hello tests from sidecars-demo.cjs true');
  assert.equal(refused.debug, 'sidecars-demo.cjs: code cache rejected');

  await writeFile(cacheFile, 'short');
  const garbage = await load(file);
  assert.equal(garbage.out, 'hello tests from sidecars-demo.cjs true');
  assert.equal(garbage.debug, 'sidecars-demo.cjs: code cache is for other bytes than this bundle: not used');
  assert.equal(await readFile(cacheFile, 'utf8'), 'short', 'left as it was');
});

test('an error in the bundle keeps its file and line in the stack', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-broken.cjs');
  await writeFile(file, "const a = 1;\nthrow new Error('broken at load');\n");
  const script = `import(${JSON.stringify(LOADER)}).then(({ loadBundle }) => loadBundle(${JSON.stringify(file)}));`;
  const result = await runBin(SHIPPED_NODE, ['-e', script]);
  assert.equal(result.exitCode, 1);
  assert.match(result.stderr, /Error: broken at load/);
  assert.ok(result.stderr.includes(`${file}:2`), result.stderr);
});

test('a bundle in ASCII, or one with UTF-8 text packaging did not escape, reads as its text', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'sidecars-demo.cjs');
  await writeFile(file, BUNDLE.replace("'hello '", "'h\\u00e9llo \\u2192 '"));
  assert.equal((await load(file)).out, 'héllo → tests from sidecars-demo.cjs true');
  await writeFile(file, BUNDLE.replace("'hello '", "'héllo → '"));
  assert.equal((await load(file)).out, 'héllo → tests from sidecars-demo.cjs true');
});
