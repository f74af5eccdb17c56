import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { SidecarError } from '../../../src/common/errors.js';
import { extractZip, readZip } from '../../../src/packaging/zip-read.js';
import { writeZip } from '../../../src/packaging/zip-write.js';
import { makeTempDir } from '../../helpers/tmp-dir.js';

test('a written zip reads back with its names, modes and contents', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'a.zip');
  const big = Buffer.alloc(100_000, 'x');
  await writeZip(file, [
    { name: 'bin/supply', mode: 0o755, data: Buffer.from('#!/usr/bin/env bash\n') },
    { name: 'lib/', mode: 0o755 },
    { name: 'lib/big.txt', mode: 0o644, data: big },
    { name: 'dependencies/runtime.tar.xz', mode: 0o644, data: Buffer.from([1, 2, 3]), deflate: false },
    { name: 'empty', mode: 0o600, data: new Uint8Array() },
  ]);
  const records = await readZip(file);
  assert.deepEqual(
    records.map((r) => [r.name, r.mode.toString(8), r.isDirectory]),
    [
      ['bin/supply', '755', false],
      ['lib/', '755', true],
      ['lib/big.txt', '644', false],
      ['dependencies/runtime.tar.xz', '644', false],
      ['empty', '600', false],
    ],
  );
  assert.ok((await stat(file)).size < 10_000, 'text is deflated');
  assert.deepEqual(records[2]?.read(), big);
  assert.deepEqual([...(records[3]?.read() ?? [])], [1, 2, 3]);

  const out = path.join(dir, 'out');
  assert.equal(await extractZip(file, out), 5);
  assert.equal((await stat(path.join(out, 'bin', 'supply'))).mode & 0o777, 0o755);
  assert.equal(await readFile(path.join(out, 'bin', 'supply'), 'utf8'), '#!/usr/bin/env bash\n');
});

test('a zip entry that would land outside the target dir is refused', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'evil.zip');
  await writeZip(file, [{ name: '../escaped', mode: 0o644, data: Buffer.from('x') }]);
  await assert.rejects(extractZip(file, path.join(dir, 'out')), (error: unknown) => {
    assert.ok(error instanceof SidecarError);
    assert.match(error.message, /\.\.\/escaped points outside the target dir/);
    return true;
  });
});

test('a corrupted entry fails its CRC-32 check', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'bad.zip');
  await writeZip(file, [{ name: 'data', mode: 0o644, data: Buffer.from('hello world'), deflate: false }]);
  const bytes = await readFile(file);
  bytes[30 + 'data'.length] = 'j'.charCodeAt(0);
  await writeFile(file, bytes);
  const [record] = await readZip(file);
  assert.throws(() => record?.read(), /data fails its CRC-32 check/);
});
