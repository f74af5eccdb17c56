// `sidecars stage --buildpack X.zip`: a zip made by Info-ZIP's `zip` stages (modes and a symlink
// kept); a hostile or broken zip fails with one clear error and exit 1, and writes nothing.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { test } from 'node:test';

import { execa } from 'execa';
import { ZipFile } from 'yazl';

import { bundlePrograms } from '../../src/packaging/bundle.js';
import { BIN, FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';
import { type TestZipEntry, writeTestZip } from '../helpers/zip-files.js';

const STAGE_TIMEOUT_MS = 60_000;
const HINT =
  "       Pass a zip of a buildpack (as `npm run package` or the platform's packager makes it), or the buildpack's directory.";

function stage(out: string, buildpack: string): ReturnType<typeof runBin> {
  const app = path.join(FIXTURES, 'apps', 'grouped-web');
  return runBin(path.join(BIN, 'sidecars'), ['stage', app, '--out', out, '--buildpack', buildpack], {
    timeoutMs: STAGE_TIMEOUT_MS,
  });
}

test(
  'a buildpack zipped by `zip -r -y` stages from the zip: bin/* executable, a symlinked bin/finalize followed',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const root = await makeTempDir(t);
    const bp = path.join(root, 'bp');
    await cp(path.join(FIXTURES, 'buildpacks', 'procfile'), bp, { recursive: true });
    await mkdir(path.join(bp, 'lib'));
    await rename(path.join(bp, 'bin', 'finalize'), path.join(bp, 'lib', 'finalize.sh'));
    await symlink('../lib/finalize.sh', path.join(bp, 'bin', 'finalize'));
    const zip = await execa('zip', ['-q', '-r', '-y', path.join(root, 'bp.zip'), '.'], {
      cwd: bp,
      reject: false,
    });
    if (zip.failed) {
      t.skip(`no zip command here: ${zip.shortMessage}`);
      return;
    }
    const result = await stage(path.join(root, 'droplet'), path.join(root, 'bp.zip'));
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all, /: bin\/finalize\n-----> Procfile final buildpack\n {7}web: /);
  },
);

const HOSTILE: { title: string; entries: TestZipEntry[]; rename?: Record<string, string>; error: string }[] =
  [
    {
      title: 'an entry with ".." in its path',
      entries: [{ name: 'xx/escaped', data: 'x' }],
      rename: { 'xx/escaped': '../escaped' },
      error:
        'entry "../escaped": has ".." in its path, which leads outside the directory the zip is unpacked into',
    },
    {
      title: 'a symlink out of the dir',
      entries: [
        { name: 'bin/', mode: 0o040755 },
        { name: 'bin/supply', data: '../../../../../../../../bin/sh', mode: 0o120777 },
      ],
      error:
        'entry "bin/supply": is a symlink to "../../../../../../../../bin/sh", outside the directory the zip is unpacked into',
    },
    {
      title: 'the same name twice',
      entries: [
        { name: 'bin/supply', data: '#!/bin/sh\n', mode: 0o100755 },
        { name: 'bin/supply', data: '#!/bin/sh\nrm -rf ~\n', mode: 0o100755 },
      ],
      error: 'entry "bin/supply": appears twice in the zip',
    },
  ];

for (const hostile of HOSTILE) {
  test(
    `a buildpack zip with ${hostile.title}: one error, exit 1, nothing written`,
    { timeout: STAGE_TIMEOUT_MS },
    async (t) => {
      const root = await makeTempDir(t);
      const zip = path.join(root, 'sub', 'hostile.zip');
      await mkdir(path.dirname(zip));
      await writeTestZip(zip, hostile.entries, hostile.rename);
      const result = await stage(path.join(root, 'droplet'), zip);
      assert.equal(result.exitCode, 1, result.all);
      assert.equal(result.all, `       **ERROR** ${zip}: ${hostile.error}\n${HINT}`);
      assert.deepEqual(await readdir(root), ['sub']);
      assert.deepEqual(await readdir(path.join(root, 'sub')), ['hostile.zip']);
    },
  );
}

test('a truncated buildpack zip: one error, exit 1', { timeout: STAGE_TIMEOUT_MS }, async (t) => {
  const root = await makeTempDir(t);
  const zip = path.join(root, 'truncated.zip');
  await writeTestZip(zip, [{ name: 'bin/supply', data: '#!/bin/sh\n', mode: 0o100755 }]);
  await execa('truncate', ['--size=-30', zip]);
  const result = await stage(path.join(root, 'droplet'), zip);
  assert.equal(result.exitCode, 1, result.all);
  assert.equal(
    result.all,
    `       **ERROR** ${zip} is not a readable zip: End of central directory record signature not found. Either not a zip file, or file is truncated.\n${HINT}`,
  );
  await writeFile(zip, 'not a zip at all');
  const notZip = await stage(path.join(root, 'droplet'), zip);
  assert.equal(notZip.exitCode, 1, notZip.all);
  assert.doesNotMatch(notZip.all, /\n\s+at /, 'no stack trace');
});

test(
  'of the packaged bundles only sidecars stage holds the zip reader: exec and run never load it',
  { timeout: STAGE_TIMEOUT_MS },
  async () => {
    const { files } = await bundlePrograms(REPO_ROOT, process.versions.node);
    // yauzl's own wording, and the writer's: yazl is for npm run package, which is not bundled
    const holders = (text: string): string[] =>
      [...files].filter(([, data]) => Buffer.from(data).includes(text)).map(([file]) => file);
    assert.deepEqual(holders('End of central directory record signature not found'), [
      'lib/sidecars-stage.cjs',
    ]);
    assert.deepEqual(holders('forceDosTimestamp'), []);
  },
);

test(
  'a zip bomb (entries that declare more than 4 GB): refused before unpacking, exit 1',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const root = await makeTempDir(t);
    const zip = path.join(root, 'sub', 'bomb.zip');
    await mkdir(path.dirname(zip));
    const writer = new ZipFile();
    const written = pipeline(writer.outputStream, createWriteStream(zip));
    for (const name of ['bin/supply', 'lib/big'])
      writer.addBuffer(Buffer.from('#!/bin/sh\n'), name, { compress: true, forceDosTimestamp: true });
    writer.end();
    await written;
    // each central directory record declares 3.75 GB uncompressed (offset 24 from its signature)
    const bytes = await readFile(zip);
    for (let at = bytes.indexOf('PK\x01\x02'); at >= 0; at = bytes.indexOf('PK\x01\x02', at + 4))
      bytes.writeUInt32LE(0xf000_0000, at + 24);
    await writeFile(zip, bytes);
    const result = await stage(path.join(root, 'droplet'), zip);
    assert.equal(result.exitCode, 1, result.all);
    assert.equal(
      result.all,
      `       **ERROR** ${zip} unpacks to more than 4 GB (its 2 entries declare 8053063680 bytes): refused as a zip bomb\n${HINT}`,
    );
    assert.deepEqual(await readdir(root), ['sub']);
  },
);
