// bin/supply of a git clone (a clean copy of this checkout: lib/ bundles, no dist/, no Node.js on the
// stack's PATH) downloads the runtime from manifest.yml's uri or SIDECARS_RUNTIME_MIRROR, served
// here by a loopback mirror, and checks its sha256. Every hostile mirror (404, refused, silent,
// trickling, wrong bytes, cut short), a full disk and a bad mirror URL end in one **ERROR** line
// naming the URL and a line saying what to do, exit 1, and nothing in deps/<idx> or CACHE_DIR.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { execa } from 'execa';

import { copyCheckout } from '../helpers/buildpack-checkout.js';
import { freePort } from '../helpers/free-port.js';
import { type HttpFixtureServer, startHttpFixtureServer } from '../helpers/http-fixture-server.js';
import { FIXTURES } from '../helpers/paths.js';
import { descendantPids } from '../helpers/pids.js';
import { runBin } from '../helpers/run-bin.js';
import { copyRuntimeTarball, type RuntimeTarballFixture } from '../helpers/runtime-tarball.js';
import { makeStackPath } from '../helpers/stack-path.js';

/** lib/install-runtime.sh's stall bound: a silent or trickling mirror is cut after it. */
const STALL_S = 20;
const SUPPLY_TIMEOUT_MS = 120_000;
const TRUNCATED_AT = 1024 * 1024;
const MIRROR_HINT = (name: string): string =>
  `       Check that the mirror (SIDECARS_RUNTIME_MIRROR) is up and serves the npm registry's ${name} there, or unset it (cf unset-env APP SIDECARS_RUNTIME_MIRROR).`;
const DISK_HINT =
  '       Staging needs about 180 MB free for the runtime: raise the disk quota (cf push APP -k 2G).';

let root = '';
let bp = '';
let stackPath = '';
let tarball: RuntimeTarballFixture;
let wrongSha256 = '';
let server: HttpFixtureServer;
let flakyHits = 0;

before(
  async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-runtime-download-'));
    bp = path.join(root, 'bp');
    await copyCheckout(bp);
    stackPath = await makeStackPath(path.join(root, 'tools'));
    await mkdir(path.join(root, 'mirror'));
    tarball = await copyRuntimeTarball(path.join(root, 'mirror'));
    // another tarball of the same layout, whose bin/node would leave a mark if it ever ran
    const wrong = path.join(root, 'wrong');
    await mkdir(path.join(wrong, 'package', 'bin'), { recursive: true });
    await writeFile(path.join(wrong, 'package', 'bin', 'node'), `#!/bin/sh\ntouch ${root}/wrong-node-ran\n`);
    await chmod(path.join(wrong, 'package', 'bin', 'node'), 0o755);
    await execa('tar', ['-czf', path.join(root, 'wrong.tgz'), '-C', wrong, 'package']);
    wrongSha256 = createHash('sha256')
      .update(await readFile(path.join(root, 'wrong.tgz')))
      .digest('hex');
    const size = (await stat(tarball.file)).size;
    server = await startHttpFixtureServer((_req, res, url) => {
      const [, mode] = url.pathname.split('/');
      const serve = (file: string): void => {
        res.writeHead(200, { 'content-length': String(file === tarball.file ? size : 0) });
        createReadStream(file).pipe(res);
      };
      switch (mode) {
        case 'ok':
          return serve(tarball.file);
        case 'wrong':
          res.writeHead(200);
          createReadStream(path.join(root, 'wrong.tgz')).pipe(res);
          return;
        case 'flaky':
          flakyHits += 1;
          if (flakyHits === 1) {
            res.writeHead(503).end();
            return;
          }
          return serve(tarball.file);
        case 'silent':
          return; // accepted, never answered
        case 'trickle': {
          res.writeHead(200, { 'content-length': String(size) });
          const timer = setInterval(() => res.write(Buffer.alloc(512)), 1_000);
          res.once('close', () => clearInterval(timer));
          return;
        }
        case 'truncated': {
          res.writeHead(200, { 'content-length': String(size) });
          const stream = createReadStream(tarball.file, { end: TRUNCATED_AT - 1 });
          stream.pipe(res, { end: false });
          stream.once('end', () => res.socket?.end(() => res.socket?.destroy()));
          return;
        }
        default:
          res.writeHead(404).end();
      }
    });
  },
  { timeout: SUPPLY_TIMEOUT_MS },
);

after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

interface Staged {
  exitCode: number | undefined;
  all: string;
  deps: string;
  cache: string;
}

/** bin/supply of the clean checkout on grouped-web, on the stack's PATH, into a fresh deps/<idx>. */
async function supply(
  name: string,
  env: Record<string, string>,
  options: { buildpack?: string; depsDir?: string } = {},
): Promise<Staged> {
  const dir = path.join(root, 'staging', name);
  const build = path.join(dir, 'build');
  const cache = path.join(dir, 'cache');
  const depsDir = options.depsDir ?? path.join(dir, 'deps');
  await cp(path.join(FIXTURES, 'apps', 'grouped-web'), build, { recursive: true });
  await mkdir(path.join(depsDir, '0'), { recursive: true });
  await mkdir(cache, { recursive: true });
  const result = await runBin(
    path.join(options.buildpack ?? bp, 'bin', 'supply'),
    [build, cache, depsDir, '0'],
    {
      env: { PATH: stackPath, CF_STACK: 'cflinuxfs4', MEMORY_LIMIT: '1G', ...env },
      timeoutMs: SUPPLY_TIMEOUT_MS,
    },
  );
  return { exitCode: result.exitCode, all: result.all, deps: path.join(depsDir, '0'), cache };
}

async function assertNothingLeft(staged: Staged): Promise<void> {
  assert.deepEqual(await readdir(staged.deps), [], 'nothing left in deps/0');
  assert.deepEqual(await readdir(staged.cache), [], 'nothing left in CACHE_DIR');
}

function mirror(mode: string): string {
  return `${server.origin}/${mode}`;
}

test(
  'from a mirror: the tarball is downloaded, checked and its node installed; the URL is logged without its password; CACHE_DIR stays empty',
  { timeout: SUPPLY_TIMEOUT_MS },
  async () => {
    const withPassword = `http://user:s3cret@${server.origin.slice('http://'.length)}/ok/`;
    const staged = await supply('ok', { SIDECARS_RUNTIME_MIRROR: withPassword });
    assert.equal(staged.exitCode, 0, staged.all);
    const shown = `http://***@${server.origin.slice('http://'.length)}/ok/${tarball.name}`;
    assert.match(
      staged.all,
      new RegExp(
        `^-----> Downloading Node.js ${tarball.version} from ${escape(shown)}\n {7}50\\.\\d MB in \\d+\\.\\d s, sha256 checked\n`,
      ),
    );
    assert.doesNotMatch(staged.all, /s3cret/);
    const node = path.join(staged.deps, 'node', 'bin', 'node');
    assert.equal((await execa(node, ['--version'])).stdout, `v${tarball.version}`);
    assert.deepEqual(
      (await readdir(staged.deps)).filter((f) => f.startsWith('.')),
      [],
      'no download or extraction dir left',
    );
    assert.deepEqual(await readdir(staged.cache), []);
  },
);

test(
  'a mirror that fails once with HTTP 503 is tried once more, and the runtime installs',
  { timeout: SUPPLY_TIMEOUT_MS },
  async () => {
    const staged = await supply('flaky', { SIDECARS_RUNTIME_MIRROR: mirror('flaky') });
    assert.equal(staged.exitCode, 0, staged.all);
    assert.match(staged.all, /\n {7}it answered HTTP 503: trying once more\n {7}50\.\d MB in /);
    assert.equal(server.hits.get(`/flaky/${tarball.name}`), 2);
  },
);

const HOSTILE: { title: string; mode: () => string; reason: () => RegExp | string; retried?: boolean }[] = [
  {
    title: 'a mirror without the file (404)',
    mode: () => mirror('missing'),
    reason: () => 'it answered HTTP 404',
  },
  {
    title: 'a mirror that refuses connections',
    mode: () => `http://127.0.0.1:${deadPort}/nothing`,
    reason: () => 'it cannot be reached (connection refused, or no route)',
  },
  {
    title: 'a mirror that accepts and never answers',
    mode: () => mirror('silent'),
    reason: () => `it sent less than 64 KiB/s for ${STALL_S} s (0 bytes received)`,
  },
  {
    title: 'a mirror that trickles bytes',
    mode: () => mirror('trickle'),
    reason: () => new RegExp(`it sent less than 64 KiB/s for ${STALL_S} s \\(\\d+ bytes received\\)`),
  },
  {
    title: 'a mirror that cuts the body short',
    mode: () => mirror('truncated'),
    reason: () => `the connection closed after ${TRUNCATED_AT} bytes, before the end of the file`,
    retried: true,
  },
];
let deadPort = 0;

test(
  'hostile mirrors: one ERROR naming the URL and what to do, exit 1, nothing left in deps/0 or CACHE_DIR',
  { timeout: SUPPLY_TIMEOUT_MS * 2, concurrency: true },
  async (t) => {
    deadPort = await freePort();
    await Promise.all(
      HOSTILE.map((hostile, i) =>
        t.test(hostile.title, { timeout: SUPPLY_TIMEOUT_MS }, async () => {
          const base = hostile.mode();
          const started = Date.now();
          const staged = await supply(`hostile-${i}`, { SIDECARS_RUNTIME_MIRROR: base });
          const url = `${base}/${tarball.name}`;
          const reason = hostile.reason();
          const lines = staged.all.split('\n');
          assert.equal(staged.exitCode, 1, staged.all);
          assert.equal(lines[0], `-----> Downloading Node.js ${tarball.version} from ${url}`);
          const error = `       **ERROR** could not download the Node.js runtime from ${url}: `;
          const errorLine = lines.at(-2) ?? '';
          assert.ok(errorLine.startsWith(error), staged.all);
          if (typeof reason === 'string') assert.equal(errorLine.slice(error.length), reason);
          else assert.match(errorLine.slice(error.length), reason);
          const slow = hostile.title.includes('never') || hostile.title.includes('trickles');
          const hint = MIRROR_HINT(tarball.name);
          assert.equal(
            lines.at(-1),
            slow
              ? hint.replace(
                  'Check that',
                  'A mirror must answer at once and send at least 64 KiB/s. Check that',
                )
              : hint,
          );
          assert.equal(lines.length, hostile.retried === true ? 4 : 3, staged.all);
          if (slow) assert.ok(Date.now() - started < (STALL_S + 30) * 1000, 'cut at the bound, not retried');
          await assertNothingLeft(staged);
        }),
      ),
    );
  },
);

test(
  'a mirror serving other bytes: refused by sha256 before anything is extracted, never run, nothing left',
  { timeout: SUPPLY_TIMEOUT_MS },
  async () => {
    const staged = await supply('wrong', { SIDECARS_RUNTIME_MIRROR: mirror('wrong') });
    const url = `${mirror('wrong')}/${tarball.name}`;
    assert.equal(staged.exitCode, 1, staged.all);
    assert.equal(
      staged.all,
      [
        `-----> Downloading Node.js ${tarball.version} from ${url}`,
        `       **ERROR** ${url} served a file whose sha256 is ${wrongSha256}, not ${tarball.sha256} (manifest.yml): it was neither extracted nor run`,
        `       The mirror must serve the npm registry's ${tarball.name} byte for byte; check it, and any proxy in between.`,
      ].join('\n'),
    );
    await assert.rejects(access(path.join(root, 'wrong-node-ran')), 'the wrong node never ran');
    await assertNothingLeft(staged);
  },
);

test(
  "without a mirror, manifest.yml's uri is downloaded; when it cannot be reached the ERROR says how to get a runtime",
  { timeout: SUPPLY_TIMEOUT_MS },
  async () => {
    const port = await freePort();
    const moved = path.join(root, 'bp-dead-uri');
    await cp(bp, moved, { recursive: true, verbatimSymlinks: true });
    const manifest = path.join(moved, 'manifest.yml');
    const uri = `http://127.0.0.1:${port}/npm/${tarball.name}`;
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace(tarball.uri, uri));
    const staged = await supply('dead-uri', {}, { buildpack: moved });
    assert.equal(staged.exitCode, 1, staged.all);
    assert.equal(
      staged.all,
      [
        `-----> Downloading Node.js ${tarball.version} from ${uri}`,
        `       **ERROR** could not download the Node.js runtime from ${uri}: it cannot be reached (connection refused, or no route)`,
        `       Give staging access to it (an https_proxy in the staging environment variable group), or set SIDECARS_RUNTIME_MIRROR to a mirror that serves ${tarball.name} (cf set-env APP SIDECARS_RUNTIME_MIRROR https://…), or use the cached zip.`,
      ].join('\n'),
    );
    await assertNothingLeft(staged);

    const notHttp = await supply('not-http', { SIDECARS_RUNTIME_MIRROR: 'ftp://mirror.example/npm' });
    assert.equal(notHttp.exitCode, 1, notHttp.all);
    assert.equal(
      notHttp.all,
      [
        '       **ERROR** SIDECARS_RUNTIME_MIRROR is not an http:// or https:// URL',
        `       Set it to the base URL of a mirror that serves ${tarball.name}: cf set-env APP SIDECARS_RUNTIME_MIRROR https://mirror.example/npm`,
      ].join('\n'),
    );
    await assertNothingLeft(notHttp);
  },
);

test(
  'a full disk under deps/: while downloading, and while extracting: one ERROR, nothing left',
  { timeout: SUPPLY_TIMEOUT_MS },
  async (t) => {
    // 30 MB: the 50 MB download does not fit; 80 MB: it does, the 121 MB bin/node does not
    for (const [size, expected] of [
      [
        '30m',
        (deps: string, url: string) =>
          `could not download the Node.js runtime from ${url}: could not write it into ${deps}/.node.tmp: the disk is full`,
      ],
      [
        '80m',
        (deps: string, url: string) =>
          `could not extract bin/node from ${tarball.name} (from ${url}) into ${deps}/.node.tmp: the disk is full`,
      ],
    ] as const) {
      const mount = path.join(root, `tmpfs-${size}`);
      await mkdir(mount);
      const mounted = await execa('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], {
        reject: false,
      });
      if (mounted.exitCode !== 0) {
        t.skip(`cannot mount a tmpfs here (${mounted.stderr.trim()}): a full disk is not tested`);
        return;
      }
      try {
        const staged = await supply(
          `full-${size}`,
          { SIDECARS_RUNTIME_MIRROR: mirror('ok') },
          { depsDir: path.join(mount, 'deps') },
        );
        const url = `${mirror('ok')}/${tarball.name}`;
        assert.equal(staged.exitCode, 1, staged.all);
        assert.equal(
          staged.all,
          [
            `-----> Downloading Node.js ${tarball.version} from ${url}`,
            `       **ERROR** ${expected(staged.deps, url)}`,
            DISK_HINT,
          ].join('\n'),
        );
        await assertNothingLeft(staged);
      } finally {
        await execa('umount', [mount]);
      }
    }
  },
);

test('no curl, tar or server process outlives the tests', () => {
  assert.deepEqual(descendantPids(process.pid), []);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
