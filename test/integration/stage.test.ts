// `sidecars stage` from the checkout: the platform builder's order, droplet layout, result.json,
// the 10+ buildpacks padding and each platform exit code, with the fixture buildpacks.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { execa } from 'execa';

import { BIN, FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const BUILDPACKS = path.join(FIXTURES, 'buildpacks');
const PROCFILE_FINAL = path.join(BUILDPACKS, 'procfile');
const STAGE_TIMEOUT_MS = 60_000;

async function stage(
  app: string,
  out: string,
  buildpacks: string[] = [],
): Promise<Awaited<ReturnType<typeof runBin>>> {
  const args = ['stage', path.join(FIXTURES, 'apps', app), '--out', out];
  for (const bp of buildpacks) args.push('--buildpack', bp);
  return runBin(path.join(BIN, 'sidecars'), args, { timeoutMs: STAGE_TIMEOUT_MS });
}

interface Result {
  lifecycle_type: string;
  lifecycle_metadata: { detected_buildpack: string; buildpacks: { name: string }[] };
  process_types: Record<string, string>;
  processes: { type: string; command: string }[];
  sidecars: { name: string; process_types: string[]; command: string; memory: number }[];
  execution_metadata: string;
}

async function readResult(out: string): Promise<Result> {
  return JSON.parse(await readFile(path.join(out, 'result.json'), 'utf8')) as Result;
}

test(
  'stages with this buildpack and the Procfile final buildpack by default',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const out = path.join(await makeTempDir(t), 'droplet');
    const result = await stage('grouped-multi-type', out);
    assert.equal(result.exitCode, 0, result.all);
    const entries = await readdir(out);
    for (const name of ['app', 'deps', 'profile.d', 'tmp', 'logs', 'staging_info.yml', 'result.json'])
      assert.ok(entries.includes(name), `${name} in the droplet`);
    assert.deepEqual((await readdir(path.join(out, 'deps'))).sort(), ['0', '1']);
    const staged = await readResult(out);
    assert.equal(staged.lifecycle_type, 'buildpack');
    assert.equal(staged.execution_metadata, '');
    assert.deepEqual(
      staged.lifecycle_metadata.buildpacks.map((b) => b.name),
      ['sidecar', 'procfile'],
    );
    const launch = await readFile(path.join(out, 'deps', '0', 'launch.yml'), 'utf8');
    assert.deepEqual(
      staged.sidecars.map((s) => s.name).sort(),
      [...launch.matchAll(/type: (\S+)/g)].map((m) => m[1]).sort(),
    );
    for (const sidecar of staged.sidecars)
      assert.match(sidecar.command, /^"\$DEPS_DIR\/0\/bin\/sidecars" exec --for /);
    const info = JSON.parse(await readFile(path.join(out, 'staging_info.yml'), 'utf8')) as {
      start_command: string;
    };
    assert.equal(info.start_command, staged.process_types['web']);
    assert.ok(
      result.all.startsWith(
        `-----> Buildpack 1/2 (${path.basename(REPO_ROOT)}): bin/supply\n-----> Sidecar Buildpack `,
      ),
      result.all,
    );
  },
);

test(
  'with 10+ buildpacks deps/ is zero-padded and supply warns that no sidecar will run',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const out = path.join(await makeTempDir(t), 'droplet');
    const noop = Array.from({ length: 9 }, () => path.join(BUILDPACKS, 'noop-supply'));
    const result = await stage('grouped-web', out, [...noop, REPO_ROOT, PROCFILE_FINAL]);
    assert.equal(result.exitCode, 0, result.all);
    assert.deepEqual((await readdir(path.join(out, 'deps'))).sort(), [
      '00',
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
    ]);
    assert.match(result.all, /-----> noop supply at deps\/08\n/);
    assert.match(result.all, /\*\*WARNING\*\* DEPS_IDX is "09"/);
    const staged = await readResult(out);
    assert.equal(staged.sidecars[0]?.command, '"$DEPS_DIR/09/bin/sidecars" exec --for web');
  },
);

test(
  'bin/release default types, launch.yml and the Procfile merge in the platform order',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const out = path.join(await makeTempDir(t), 'droplet');
    const result = await stage('grouped-web', out, [REPO_ROOT, path.join(BUILDPACKS, 'release-defaults')]);
    assert.equal(result.exitCode, 0, result.all);
    const staged = await readResult(out);
    const procfile = await readFile(path.join(FIXTURES, 'apps', 'grouped-web', 'Procfile'), 'utf8');
    const web = /^web:\s*(.+)$/m.exec(procfile)?.[1];
    assert.deepEqual(staged.process_types, { web, worker: 'echo worker-from-release' });
    assert.deepEqual(staged.processes, [
      { type: 'web', command: web },
      { type: 'worker', command: 'echo worker-from-release' },
    ]);
    assert.equal(staged.lifecycle_metadata.detected_buildpack, 'release-defaults');
  },
);

const FAILURES = [
  {
    label: 'an invalid sidecars.yml fails supply',
    app: 'invalid-name-duplicate',
    bps: [REPO_ROOT, PROCFILE_FINAL],
    exit: 225,
    shows: /\*\*ERROR\*\*/,
  },
  {
    label: 'a failing supply buildpack',
    app: 'grouped-web',
    bps: [path.join(BUILDPACKS, 'supply-fails'), REPO_ROOT, PROCFILE_FINAL],
    exit: 225,
    shows: /supply-fails: failing on purpose/,
  },
  {
    label: 'a failing finalize',
    app: 'grouped-web',
    bps: [REPO_ROOT, path.join(BUILDPACKS, 'finalize-fails')],
    exit: 226,
    shows: /finalize-fails: failing on purpose/,
  },
  {
    label: 'a failing compile (a final buildpack without finalize)',
    app: 'grouped-web',
    bps: [REPO_ROOT, path.join(BUILDPACKS, 'compile-fails')],
    exit: 223,
    shows: /compile-fails: failing on purpose/,
  },
  {
    label: 'a failing release',
    app: 'grouped-web',
    bps: [REPO_ROOT, path.join(BUILDPACKS, 'release-fails')],
    exit: 224,
    shows: /release-fails: failing on purpose/,
  },
  {
    label: 'this buildpack as the last one',
    app: 'grouped-web',
    bps: [REPO_ROOT],
    exit: 226,
    shows: /must not be the last buildpack/,
  },
];

for (const failure of FAILURES) {
  test(
    `${failure.label} stops staging with exit code ${failure.exit}`,
    { timeout: STAGE_TIMEOUT_MS },
    async (t) => {
      const out = path.join(await makeTempDir(t), 'droplet');
      const result = await stage(failure.app, out, failure.bps);
      assert.equal(result.exitCode, failure.exit, result.all);
      assert.match(result.all, failure.shows);
      assert.match(result.all, new RegExp(`staging failed with exit code ${failure.exit}`));
      assert.ok(!(await readdir(out)).includes('result.json'), 'no result.json after a failure');
    },
  );
}

test('usage errors exit 1 and say how to call it', { timeout: STAGE_TIMEOUT_MS }, async () => {
  const result = await runBin(path.join(BIN, 'sidecars'), [
    'stage',
    path.join(FIXTURES, 'apps', 'grouped-web'),
  ]);
  assert.equal(result.exitCode, 1);
  assert.match(result.all, /^sidecars stage: give one APP_DIR and --out DROPLET_DIR\nUsage: sidecars stage /);
});

test(
  '--sizes reports the droplet and the cache as tar -czf packs them: what the platform stores and moves',
  { timeout: STAGE_TIMEOUT_MS },
  async (t) => {
    const dir = await makeTempDir(t);
    const out = path.join(dir, 'droplet');
    const cache = path.join(dir, 'cache');
    const result = await runBin(
      path.join(BIN, 'sidecars'),
      ['stage', path.join(FIXTURES, 'apps', 'grouped-web'), '--out', out, '--cache', cache, '--sizes'],
      { timeoutMs: STAGE_TIMEOUT_MS },
    );
    assert.equal(result.exitCode, 0, result.all);
    const reported = (what: string): number => {
      const match = new RegExp(`^ {7}${what} (\\d+\\.\\d) MB \\((\\d+) bytes, \\d+\\.\\d s\\)$`, 'm').exec(
        result.stdout,
      );
      assert.ok(match !== null, `${what} size in:\n${result.stdout}`);
      assert.equal(match[1], (Number(match[2]) / 1024 / 1024).toFixed(1));
      return Number(match[2]);
    };
    assert.match(result.stdout, /^-----> Packed as the platform's builder packs them \(tar -czf\):$/m);

    // the same bytes as the builder's own command; never the cache kept beside the droplet
    const droplet = path.join(dir, 'droplet.tgz');
    await execa('tar', [
      '-czf',
      droplet,
      '-C',
      out,
      'app',
      'deps',
      'profile.d',
      'tmp',
      'logs',
      'staging_info.yml',
    ]);
    assert.equal(reported('droplet'), (await stat(droplet)).size);
    const listed = (await execa('tar', ['-tzf', droplet])).stdout.split('\n');
    assert.ok(listed.includes('deps/0/launch.yml'), 'the droplet holds deps/0/launch.yml');
    assert.ok(!listed.some((name) => name.includes('.cache') || name.includes('result.json')));
    const cacheTgz = path.join(dir, 'cache.tgz');
    await execa('tar', ['-czf', cacheTgz, '-C', cache, '.']);
    assert.equal(reported('build artifacts cache'), (await stat(cacheTgz)).size);
  },
);
