// A git clone of the repository is a working buildpack: a clean copy of this checkout, served by
// a git server on loopback (git http-backend, smart HTTP), stages with `sidecars stage --buildpack
// http://127.0.0.1:PORT/repo.git` on a PATH without Node.js, the runtime coming from a loopback
// server (manifest.yml's uri rewritten, or SIDECARS_RUNTIME_MIRROR); so does an uncached zip
// (npm run package -- --uncached) served by URL; and each droplet runs. A guard proxy makes any
// request that is not for 127.0.0.1 fail: nothing is downloaded from the internet.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import yaml from 'js-yaml';

import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../../src/config/schema.js';
import { makeBuildpackRepo } from '../helpers/buildpack-checkout.js';
import { freePort } from '../helpers/free-port.js';
import { type GitHttpServer, startGitHttpServer } from '../helpers/git-http-server.js';
import { type HttpFixtureServer, startHttpFixtureServer } from '../helpers/http-fixture-server.js';
import { FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { descendantPids, isAlive } from '../helpers/pids.js';
import { runBin } from '../helpers/run-bin.js';
import { SIDECARS_JS } from '../helpers/run-sidecars.js';
import { copyRuntimeTarball, type RuntimeTarballFixture } from '../helpers/runtime-tarball.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { makeStackPath } from '../helpers/stack-path.js';
import { readZipRecords } from '../helpers/zip-files.js';

const STAGE_TIMEOUT_MS = 180_000;
const PACKAGE_TIMEOUT_MS = 600_000;
const APP = path.join(FIXTURES, 'apps', 'staged-from-url');
const PROCFILE_FINAL = path.join(FIXTURES, 'buildpacks', 'procfile');
/** Any request not for 127.0.0.1 goes to a proxy that refuses it (git and curl honour these). */
const NO_INTERNET = {
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
  no_proxy: '127.0.0.1',
};

let root = '';
let stackPath = '';
let tarball: RuntimeTarballFixture;
let files: HttpFixtureServer;
let git: GitHttpServer;
let repoUrl = '';
/** the droplet staged from the clone, compared with the zip's */
let cloneDroplet = '';

before(
  async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-git-url-'));
    stackPath = await makeStackPath(path.join(root, 'tools'));
    await mkdir(path.join(root, 'mirror'));
    await mkdir(path.join(root, 'zips'));
    tarball = await copyRuntimeTarball(path.join(root, 'mirror'));
    // /npm/<tarball> stands for the registry (the uri on main), /mirror/<tarball> for a mirror,
    // /zips/<file> serves what `npm run package` wrote
    files = await startHttpFixtureServer(async (_req, res, url) => {
      const [, kind, name = ''] = url.pathname.split('/');
      const file =
        kind === 'zips'
          ? path.join(root, 'zips', path.basename(name))
          : (kind === 'npm' || kind === 'mirror') && name === tarball.name
            ? tarball.file
            : null;
      const size =
        file === null
          ? null
          : await stat(file).then(
              (s) => s.size,
              () => null,
            );
      if (file === null || size === null) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': String(size) });
      createReadStream(file).pipe(res);
    });
    const repos = path.join(root, 'git');
    await mkdir(repos);
    // main: manifest.yml's uri points at the loopback "registry"; tag as-is: the checkout as it is
    await makeBuildpackRepo(repos, 'sidecar-buildpack.git', [
      async (work) => {
        const manifest = path.join(work, 'manifest.yml');
        const text = await readFile(manifest, 'utf8');
        assert.ok(text.includes(tarball.uri));
        await writeFile(manifest, text.replace(tarball.uri, `${files.origin}/npm/${tarball.name}`));
      },
    ]);
    git = await startGitHttpServer(repos);
    repoUrl = git.url('sidecar-buildpack.git');
  },
  { timeout: STAGE_TIMEOUT_MS },
);

after(async () => {
  await git?.close();
  await files?.close();
  await rm(root, { recursive: true, force: true });
});

/** `sidecars stage` of the staged-from-url app with BUILDPACK then the Procfile final buildpack. */
async function stage(
  name: string,
  buildpack: string,
  env: Record<string, string> = {},
): Promise<{ exitCode: number | undefined; all: string; droplet: string }> {
  const droplet = path.join(root, name);
  const envFlags = Object.entries({ ...NO_INTERNET, ...env }).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const result = await runBin(
    SHIPPED_NODE,
    [
      SIDECARS_JS,
      'stage',
      APP,
      '--out',
      droplet,
      '--buildpack',
      buildpack,
      '--buildpack',
      PROCFILE_FINAL,
      ...envFlags,
    ],
    { env: { PATH: stackPath, ...NO_INTERNET }, timeoutMs: STAGE_TIMEOUT_MS },
  );
  return { exitCode: result.exitCode, all: result.all, droplet };
}

interface Result {
  sidecars: unknown[];
  process_types: Record<string, string>;
  lifecycle_metadata: { buildpacks: { key: string; name: string; version?: string }[] };
}

async function assertStaged(droplet: string, key: string): Promise<void> {
  const result = JSON.parse(await readFile(path.join(droplet, 'result.json'), 'utf8')) as Result;
  assert.deepEqual(result.sidecars, [
    {
      name: 'sidecars-web',
      process_types: ['web'],
      command: '"$DEPS_DIR/0/bin/sidecars" exec --for web',
      memory: 16 + DEFAULT_SUPERVISOR_MEMORY_MB,
    },
  ]);
  assert.equal(result.lifecycle_metadata.buildpacks[0]?.key, key);
  assert.equal(result.lifecycle_metadata.buildpacks[0]?.name, 'sidecar');
  const deps = await readdir(path.join(droplet, 'deps', '0'));
  assert.deepEqual(
    deps.filter((f) => f.startsWith('.')),
    [],
    'no download or extraction dir left in deps/0',
  );
  assert.ok(deps.includes('node'), 'the runtime is in deps/0/node');
  assert.deepEqual(await readdir(path.join(droplet, '.cache', '0')), [], 'CACHE_DIR is empty');
}

/** The droplet runs on the stack's PATH (no Node.js but the vendored one): the sidecar, then web's end. */
async function assertRuns(droplet: string): Promise<void> {
  const port = await freePort();
  const run = await runBin(
    path.join(droplet, 'deps', '0', 'bin', 'sidecars'),
    ['run', droplet, '--port', String(port)],
    {
      env: { PATH: stackPath },
      timeoutMs: 60_000,
    },
  );
  assert.match(run.all, /web saw the sidecar/, run.all);
  const marker = Number(await readFile(path.join(droplet, 'tmp', 'marker.pid'), 'utf8'));
  assert.ok(marker > 0);
  assert.equal(isAlive(marker), false, `the sidecar (pid ${marker}) outlived the run`);
}

async function readBundles(dir: string): Promise<Map<string, Buffer>> {
  const bundles = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.cjs')).sort())
    bundles.set(name, await readFile(path.join(dir, name)));
  return bundles;
}

test(
  "a fresh clone served by a git server stages with --buildpack http://127.0.0.1:PORT/repo.git, the runtime from manifest.yml's uri, and the droplet runs",
  { timeout: STAGE_TIMEOUT_MS },
  async () => {
    const staged = await stage('from-git', repoUrl);
    assert.equal(staged.exitCode, 0, staged.all);
    assert.match(
      staged.all,
      new RegExp(
        `^-----> Cloned buildpack ${repoUrl}\n-----> Buildpack 1/2 \\(sidecar-buildpack\\): bin/supply\n`,
      ),
    );
    assert.match(
      staged.all,
      new RegExp(
        `\n-----> Downloading Node.js ${tarball.version} from ${files.origin}/npm/${tarball.name}\n {7}50\\.\\d MB in `,
      ),
    );
    assert.equal(files.hits.get(`/npm/${tarball.name}`), 1);
    await assertStaged(staged.droplet, repoUrl);
    // the supervisor is the committed lib/: the bundles a clone has
    const installed = await readBundles(path.join(staged.droplet, 'deps', '0', 'lib'));
    const committed = await readBundles(path.join(REPO_ROOT, 'lib'));
    assert.ok(
      installed.has('sidecars.cjs') && installed.has('sidecars-exec.cjs'),
      [...installed.keys()].join(),
    );
    for (const [name, data] of installed)
      assert.ok(committed.get(name)?.equals(data), `${name} is lib/${name}`);
    cloneDroplet = staged.droplet;
    await assertRuns(staged.droplet);
  },
);

test(
  "#as-is (manifest.yml as committed: the registry's uri): SIDECARS_RUNTIME_MIRROR serves the runtime; without it, the registry cannot be reached here",
  { timeout: STAGE_TIMEOUT_MS },
  async () => {
    const staged = await stage('from-git-mirror', `${repoUrl}#as-is`, {
      SIDECARS_RUNTIME_MIRROR: `${files.origin}/mirror`,
    });
    assert.equal(staged.exitCode, 0, staged.all);
    assert.match(staged.all, new RegExp(`^-----> Cloned buildpack ${repoUrl} at as-is\n`));
    assert.match(
      staged.all,
      new RegExp(
        `\n-----> Downloading Node.js ${tarball.version} from ${files.origin}/mirror/${tarball.name}\n`,
      ),
    );
    assert.equal(files.hits.get(`/mirror/${tarball.name}`), 1);
    await assertStaged(staged.droplet, `${repoUrl}#as-is`);

    const offline = await stage('from-git-offline', `${repoUrl}#as-is`);
    assert.equal(offline.exitCode, 225, offline.all);
    assert.match(
      offline.all,
      new RegExp(
        `\n {7}\\*\\*ERROR\\*\\* could not download the Node.js runtime from ${tarball.uri.replace(/[.]/g, '\\.')}: it cannot be reached \\(connection refused, or no route\\)\n {7}Give staging access to it`,
      ),
    );
    assert.deepEqual(await readdir(path.join(offline.droplet, 'deps', '0')), [], 'nothing left in deps/0');
  },
);

test(
  'an uncached zip (npm run package -- --uncached) has no runtime; staged from a URL it downloads the runtime as a clone does: the same launch.yml and supervisor, and it runs',
  { timeout: PACKAGE_TIMEOUT_MS },
  async () => {
    const env: Record<string, string> = {};
    for (const key of ['HOME', 'PATH', 'npm_config_cache']) {
      const value = process.env[key];
      if (value !== undefined) env[key] = value;
    }
    const packaged = await runBin(
      process.execPath,
      [
        path.join(REPO_ROOT, 'dist', 'src', 'cli', 'package.js'),
        '--uncached',
        '--out',
        path.join(root, 'zips'),
      ],
      { env, timeoutMs: PACKAGE_TIMEOUT_MS },
    );
    assert.equal(packaged.exitCode, 0, packaged.all);
    const version = (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim();
    const zipName = `sidecar_buildpack-cflinuxfs4-v${version}.zip`;
    assert.deepEqual(await readdir(path.join(root, 'zips')), [zipName]);
    const records = await readZipRecords(path.join(root, 'zips', zipName));
    assert.deepEqual(
      records.filter((r) => r.name.startsWith('dependencies/')),
      [],
      'no runtime in an uncached zip',
    );
    const manifest = yaml.load(records.find((r) => r.name === 'manifest.yml')?.data.toString() ?? '') as {
      stack: string;
      dependencies: Record<string, unknown>[];
    };
    assert.equal(manifest.stack, 'cflinuxfs4');
    assert.equal(manifest.dependencies[0]?.['uri'], tarball.uri);
    assert.equal(manifest.dependencies[0]?.['sha256'], tarball.sha256);
    assert.ok(!('file' in (manifest.dependencies[0] ?? {})), 'no file: nothing shipped');

    const zipUrl = `${files.origin}/zips/${zipName}`;
    const staged = await stage('from-zip-url', zipUrl, {
      SIDECARS_RUNTIME_MIRROR: `${files.origin}/mirror/`,
    });
    assert.equal(staged.exitCode, 0, staged.all);
    assert.match(staged.all, new RegExp(`^-----> Downloaded buildpack ${zipUrl} \\(\\d+\\.\\d MB\\)\n`));
    assert.match(
      staged.all,
      new RegExp(
        `\n-----> Downloading Node.js ${tarball.version} from ${files.origin}/mirror/${tarball.name}\n`,
      ),
    );
    await assertStaged(staged.droplet, zipUrl);

    // the same launch.yml and the same supervisor as the clone's; the zip adds trained code caches
    assert.ok(cloneDroplet !== '', 'the clone was staged first');
    const launch = async (droplet: string) => readFile(path.join(droplet, 'deps', '0', 'launch.yml'), 'utf8');
    assert.equal(await launch(staged.droplet), await launch(cloneDroplet));
    const fromZip = await readBundles(path.join(staged.droplet, 'deps', '0', 'lib'));
    const fromClone = await readBundles(path.join(cloneDroplet, 'deps', '0', 'lib'));
    assert.deepEqual([...fromZip.keys()], [...fromClone.keys()]);
    for (const [name, data] of fromClone)
      assert.ok(fromZip.get(name)?.equals(data), `${name}: the zip's is the clone's`);
    const lib = await readdir(path.join(staged.droplet, 'deps', '0', 'lib'));
    assert.ok(lib.includes('sidecars-run.cjs.v8cache'), lib.join(', '));
    await assertRuns(staged.droplet);
  },
);

test(
  'a buildpack URL that fails: a zip URL answering 404, a repository that does not exist, a ref it lacks: one error each, exit 1',
  { timeout: STAGE_TIMEOUT_MS },
  async () => {
    const zipUrl = `${files.origin}/zips/nothing.zip`;
    const missingZip = await stage('missing-zip', zipUrl);
    assert.equal(missingZip.exitCode, 1, missingZip.all);
    assert.equal(
      missingZip.all,
      `       **ERROR** could not download buildpack ${zipUrl}: HTTP 404\n       Check the URL: the platform downloads it the same way at staging.`,
    );
    const missingRepo = await stage('missing-repo', git.url('nothing.git'));
    assert.equal(missingRepo.exitCode, 1, missingRepo.all);
    assert.match(
      missingRepo.all,
      new RegExp(
        `^ {7}\\*\\*ERROR\\*\\* could not clone buildpack ${git.url('nothing.git')}: fatal: .*\n {7}Check the URL and the branch, tag or commit after #: the platform clones it the same way at staging\\.$`,
      ),
    );
    const missingRef = await stage('missing-ref', `${repoUrl}#v9.9.9`);
    assert.equal(missingRef.exitCode, 1, missingRef.all);
    assert.match(
      missingRef.all,
      new RegExp(
        `^ {7}\\*\\*ERROR\\*\\* could not check out v9\\.9\\.9 of buildpack ${repoUrl}: error: pathspec 'v9\\.9\\.9' did not match`,
      ),
    );
  },
);

test('no git, curl or fixture process outlives the tests', () => {
  assert.deepEqual(descendantPids(process.pid), []);
  for (const pid of git.pids) assert.equal(isAlive(pid), false, `git http-backend ${pid}`);
});
