import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { lstat, readdir, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { SidecarError } from '../../../src/common/errors.js';
import { extractZip } from '../../../src/packaging/zip-read.js';
import { type ZipEntry, writeZip } from '../../../src/packaging/zip-write.js';
import { makeTempDir } from '../../helpers/tmp-dir.js';
import { readZipRecords, type TestZipEntry, writeTestZip } from '../../helpers/zip-files.js';

const BIG = Buffer.alloc(100_000, 'x');
const ENTRIES: ZipEntry[] = [
  { name: 'bin/supply', mode: 0o755, data: Buffer.from('#!/usr/bin/env bash\n') },
  { name: 'lib/', mode: 0o755 },
  { name: 'lib/big.txt', mode: 0o644, data: BIG },
  { name: 'dependencies/runtime.tar.xz', mode: 0o644, data: new Uint8Array([1, 2, 3]), deflate: false },
  { name: 'empty', mode: 0o600, data: new Uint8Array() },
];
const HINT =
  "Pass a zip of a buildpack (as `npm run package` or the platform's packager makes it), or the buildpack's directory.";

test('a written zip unpacks with its names, modes and contents', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'a.zip');
  await writeZip(file, ENTRIES);
  const records = await readZipRecords(file);
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
  const archive = records[3];
  assert.deepEqual([archive?.compressionMethod, archive?.compressedSize], [0, 3], 'a tar.xz is stored');

  const out = path.join(dir, 'out');
  assert.equal(await extractZip(file, out), 5);
  const modes = await Promise.all(
    ['bin/supply', 'lib/big.txt', 'dependencies/runtime.tar.xz', 'empty'].map(
      async (name) => (await stat(path.join(out, name))).mode & 0o777,
    ),
  );
  assert.deepEqual(modes, [0o755, 0o644, 0o644, 0o600]);
  assert.equal(await readFile(path.join(out, 'bin', 'supply'), 'utf8'), '#!/usr/bin/env bash\n');
  assert.deepEqual(await readFile(path.join(out, 'lib', 'big.txt')), BIG);
  assert.deepEqual([...(await readFile(path.join(out, 'dependencies', 'runtime.tar.xz')))], [1, 2, 3]);
});

test('two packagings of the same files give the same bytes, in any time zone', async (t) => {
  const dir = await makeTempDir(t);
  await writeZip(path.join(dir, '1.zip'), ENTRIES);
  const zone = process.env['TZ'];
  // UTC-12, west of every zone: its 1980-01-01 is no earlier than yazl's (made when it loaded)
  process.env['TZ'] = 'Etc/GMT+12';
  try {
    await writeZip(path.join(dir, '2.zip'), ENTRIES);
  } finally {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  }
  assert.deepEqual(await readFile(path.join(dir, '1.zip')), await readFile(path.join(dir, '2.zip')));
  // dated 1980-01-01 00:00, the zip epoch, with no unix time beside it: not when it was made
  for (const record of await readZipRecords(path.join(dir, '1.zip'))) {
    assert.deepEqual(
      [record.lastModFileDate, record.lastModFileTime, record.extraFieldLength],
      [(1 << 5) | 1, 0, 0],
      record.name,
    );
  }
});

test('writeZip refuses a name that would unpack outside the target dir, and leaves no zip', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'evil.zip');
  await assert.rejects(writeZip(file, [{ name: '../escaped', mode: 0o644, data: Buffer.from('x') }]), {
    message: 'invalid relative path: ../escaped',
  });
  assert.deepEqual(await readdir(dir), []);
});

test('a symlink inside the dir is unpacked as a link', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'links.zip');
  await writeTestZip(file, [
    { name: 'lib/real.sh', data: 'echo hi\n', mode: 0o100755 },
    { name: 'bin/run', data: '../lib/real.sh', mode: 0o120777 },
  ]);
  const out = path.join(dir, 'out');
  assert.equal(await extractZip(file, out), 2);
  assert.ok((await lstat(path.join(out, 'bin', 'run'))).isSymbolicLink());
  assert.equal(await readlink(path.join(out, 'bin', 'run')), '../lib/real.sh');
  assert.equal(await readFile(path.join(out, 'bin', 'run'), 'utf8'), 'echo hi\n');
});

const LINK = 0o120777;
const HOSTILE: {
  title: string;
  entries: TestZipEntry[];
  rename?: Record<string, string>;
  message: string;
}[] = [
  {
    title: 'a ".." path (zip slip)',
    entries: [{ name: 'xx/escaped', data: 'x' }],
    rename: { 'xx/escaped': '../escaped' },
    message:
      'entry "../escaped": has ".." in its path, which leads outside the directory the zip is unpacked into',
  },
  {
    title: 'a ".." deeper in the path',
    entries: [{ name: 'bin/xx/xx/escaped', data: 'x' }],
    rename: { 'bin/xx/xx/': 'bin/../../' },
    message:
      'entry "bin/../../escaped": has ".." in its path, which leads outside the directory the zip is unpacked into',
  },
  {
    title: 'an absolute path',
    entries: [{ name: 'xtmp/escaped', data: 'x' }],
    rename: { 'xtmp/escaped': '/tmp/escaped' },
    message: 'entry "/tmp/escaped": is an absolute path, outside the directory the zip is unpacked into',
  },
  {
    title: 'a symlink out of the dir',
    entries: [{ name: 'bin/link', data: '../../etc', mode: LINK }],
    message: 'entry "bin/link": is a symlink to "../../etc", outside the directory the zip is unpacked into',
  },
  {
    title: 'a symlink to an absolute path',
    entries: [{ name: 'link', data: '/etc/passwd', mode: LINK }],
    message:
      'entry "link": is a symlink to "/etc/passwd": an absolute path, outside the directory the zip is unpacked into',
  },
  {
    title: 'a symlink through another one (each inside on its face)',
    entries: [
      { name: 'here', data: '.', mode: LINK },
      { name: 'up', data: 'here/..', mode: LINK },
    ],
    message:
      'entry "up": is a symlink to "here/..", a path through the symlink here: link to the real path instead',
  },
  {
    title: 'a file written through a symlink',
    entries: [
      { name: 'out', data: '.', mode: LINK },
      { name: 'out/file', data: 'x' },
    ],
    message: 'entry "out/file": is inside out, which is a symlink in this zip',
  },
  {
    title: 'the same name twice',
    entries: [
      { name: 'bin/supply', data: 'good' },
      { name: 'bin/supply', data: 'evil' },
    ],
    message: 'entry "bin/supply": appears twice in the zip',
  },
  {
    title: 'the same name twice, spelt differently',
    entries: [
      { name: 'bin/supply', data: 'good' },
      { name: 'bin//supply', data: 'evil' },
    ],
    message: 'entry "bin//supply": appears twice in the zip',
  },
  {
    title: 'a FIFO',
    entries: [{ name: 'pipe', mode: 0o010644 }],
    message: 'entry "pipe": is a FIFO: only files, directories and symlinks are unpacked',
  },
];

for (const hostile of HOSTILE) {
  test(`a zip with ${hostile.title} is refused, with nothing written outside`, async (t) => {
    const dir = await makeTempDir(t);
    const file = path.join(dir, 'hostile.zip');
    await writeTestZip(file, hostile.entries, hostile.rename);
    const out = path.join(dir, 'a', 'b', 'out');
    await assert.rejects(extractZip(file, out), (error: unknown) => {
      assert.ok(error instanceof SidecarError);
      assert.equal(error.message, `${file}: ${hostile.message}`);
      assert.equal(error.hint, HINT);
      return true;
    });
    assert.deepEqual(await readdir(dir), ['a', 'hostile.zip']);
    assert.deepEqual(await readdir(path.join(dir, 'a')), ['b']);
    assert.deepEqual(await readdir(path.join(dir, 'a', 'b')), ['out']);
  });
}

test('a corrupt entry fails its CRC-32 check; a truncated zip, or not a zip, is unreadable', async (t) => {
  const dir = await makeTempDir(t);
  const file = path.join(dir, 'bad.zip');
  await writeTestZip(file, [{ name: 'data', data: 'hello world' }]);
  const bytes = await readFile(file);
  await writeFile(file, Buffer.from(bytes.toString('latin1').replace('hello', 'jello'), 'latin1'));
  await assert.rejects(extractZip(file, path.join(dir, 'out')), {
    name: 'SidecarError',
    message: `${file}: entry "data": cannot be unpacked: its CRC-32 does not match: the zip is corrupt`,
  });

  await writeFile(file, bytes.subarray(0, bytes.length - 10));
  await assert.rejects(extractZip(file, path.join(dir, 'out-2')), {
    name: 'SidecarError',
    message: `${file} is not a readable zip: End of central directory record signature not found. Either not a zip file, or file is truncated.`,
  });
  await writeFile(file, 'PK\u0005\u0006 not a zip');
  await assert.rejects(extractZip(file, path.join(dir, 'out-3')), { name: 'SidecarError' });
});
