// Issue 10, item 3: the state API's unix socket when it cannot be made where it should be. exec's
// default socket never stops the run (it falls back to a private dir under /tmp, else it runs
// without the API); an explicit --status that cannot work is a usage error before anything starts.
// Never a stack trace, never a stray socket file at a path Node.js cut short.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import { toFallbackSocketDir } from '../../src/supervisor/api/status-address.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, descendantPids, readPids } from '../helpers/pids.js';
import {
  collectLines,
  readEvents,
  type RunningCli,
  SIDECARS_JS,
  startSidecars,
} from '../helpers/run-sidecars.js';
import { startStatus } from '../helpers/run-status.js';
import { SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const UID = process.getuid?.() ?? 0;
/** a CI workspace's depth: with it, $TMPDIR/sidecars/sidecars-web.sock is over 107 bytes */
const DEEP = 'ci-workspace-'.padEnd(70, 'w');

const CONFIG = runtimeConfig(
  [{ name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] }],
  { web: healthCheck({ type: 'process' }) },
);

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /^\s+at /m, 'a stack frame in the output');
  assert.doesNotMatch(text, /node:internal/, 'a stack frame in the output');
}

/** Every socket file under `dir`: none may be left at a path cut short. */
function socketsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    try {
      if (lstatSync(file).isSocket()) out.push(file);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The fallback dir this test's exec will use; removed after the test (it outlives the run). */
function fallbackDirOf(t: TestContext, tmpDir: string): string {
  const dir = toFallbackSocketDir(tmpDir, UID);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function startExec(t: TestContext, config: string, env: Record<string, string>, args: string[] = []) {
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, ...args], { env });
  t.after(() => cli.child.kill('SIGKILL'));
  return cli;
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

function listening(cli: RunningCli): Record<string, unknown> | undefined {
  return readEvents(cli.lines).find((e) => e['event'] === 'status.listening');
}

/** Runs `sidecars status --json` with TMPDIR and returns the addresses and process states found. */
async function statusWith(tmpDir: string): Promise<{ pid: number; found: Array<[string, string[]]> }> {
  const status = startStatus(['--json'], { TMPDIR: tmpDir });
  assert.equal(await status.exited, 0, status.stderr.join('\n'));
  assertNoStackTrace([...status.stdout, ...status.stderr].join('\n'));
  const body = JSON.parse(status.stdout.join('\n')) as {
    supervisors: Array<{ address: string; processes: Record<string, { state: string }> }>;
  };
  return {
    pid: status.pid,
    found: body.supervisors.map((s) => [
      s.address,
      Object.entries(s.processes).map(([n, p]) => `${n}:${p.state}`),
    ]),
  };
}

test(
  'exec with a TMPDIR too long for its socket runs its sidecar; status finds the API in the fallback dir',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-long');
    const tmpDir = path.join(dir, DEEP, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const primary = path.join(tmpDir, 'sidecars', 'sidecars-web.sock');
    assert.ok(Buffer.byteLength(primary) > 107, primary);
    const fallback = path.join(fallbackDirOf(t, tmpDir), 'sidecars-web.sock');
    const exec = startExec(t, writeConfig(dir, CONFIG), { PIDS_FILE: pidsFile, TMPDIR: tmpDir });

    await waitFor('the sidecar running', () => readPids(pidsFile).length === 1);
    await waitFor('the state API', () => listening(exec));
    assert.deepEqual(listening(exec), {
      ...listening(exec),
      address: `unix:${fallback}`,
      instead_of: `unix:${primary}`,
      cause: `cannot listen on unix:${primary}: the socket path is ${Buffer.byteLength(primary)} bytes, over the 107-byte limit of a unix socket path`,
    });
    assert.equal((lstatSync(path.dirname(fallback)).mode & 0o777).toString(8), '700');
    const status = await statusWith(tmpDir);
    assert.deepEqual(status.found, [[`unix:${fallback}`, ['agent:running']]]);
    assert.deepEqual(socketsUnder(dir), [], 'no socket at a path cut short');

    exec.child.kill('SIGTERM');
    assert.deepEqual(await exec.exited, { code: 143, signal: null });
    assertNoStackTrace(exec.text());
    assert.deepEqual(readdirSync(path.dirname(fallback)), [], 'the socket is removed at the end');
    await assertAllGone([exec.pid, status.pid, ...readPids(pidsFile)]);
  },
);

test(
  'exec falls back when $TMPDIR/sidecars cannot be made: a file in its place, a file in TMPDIR',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-file');
    const config = writeConfig(dir, CONFIG);
    // both reproduce as root, which ignores directory permissions
    const fileInPlace = path.join(dir, 'tmp-a');
    mkdirSync(fileInPlace);
    writeFileSync(path.join(fileInPlace, 'sidecars'), 'not a directory');
    writeFileSync(path.join(dir, 'file'), 'not a directory');
    const underFile = path.join(dir, 'file', 'tmp');
    const cases = [
      {
        tmpDir: fileInPlace,
        why: `cannot make its directory ${fileInPlace}/sidecars: a file is in the way (EEXIST)`,
      },
      {
        tmpDir: underFile,
        why: `cannot make its directory ${underFile}/sidecars: a part of the path is not a directory (ENOTDIR)`,
      },
    ];
    const execs = cases.map(({ tmpDir, why }) => ({
      tmpDir,
      why,
      fallback: path.join(fallbackDirOf(t, tmpDir), 'sidecars-web.sock'),
      cli: startExec(t, config, { PIDS_FILE: pidsFile, TMPDIR: tmpDir }),
    }));

    await waitFor('both sidecars running', () => readPids(pidsFile).length === 2);
    const statusPids: number[] = [];
    for (const { tmpDir, why, fallback, cli } of execs) {
      await waitFor('the state API', () => listening(cli));
      assert.equal(listening(cli)?.['address'], `unix:${fallback}`);
      assert.equal(
        listening(cli)?.['cause'],
        `cannot listen on unix:${tmpDir}/sidecars/sidecars-web.sock: ${why}`,
      );
      const status = await statusWith(tmpDir);
      statusPids.push(status.pid);
      assert.deepEqual(status.found, [[`unix:${fallback}`, ['agent:running']]]);
    }

    for (const { cli } of execs) cli.child.kill('SIGTERM');
    for (const { cli } of execs) {
      assert.deepEqual(await cli.exited, { code: 143, signal: null });
      assertNoStackTrace(cli.text());
    }
    assert.deepEqual(socketsUnder(dir), []);
    await assertAllGone([...execs.map((e) => e.cli.pid), ...statusPids, ...readPids(pidsFile)]);
  },
);

/**
 * An unwritable TMPDIR: chmod 0555 when not root; root ignores directory permissions, so as root
 * the TMPDIR is a read-only tmpfs mounted in a mount namespace of exec's own (unshare -m), if this
 * machine lets us make one. Else the test is skipped: it says so, rather than passing untested.
 */
function unwritableTmpDir(dir: string): { tmpDir: string; wrap: string[] | null; code: string } | null {
  const tmpDir = path.join(dir, 'ro-tmp');
  mkdirSync(tmpDir);
  if (UID !== 0) {
    chmodSync(tmpDir, 0o555);
    return { tmpDir, wrap: null, code: 'permission denied (EACCES)' };
  }
  const mountRo = 'mount -t tmpfs -o ro,size=64k tmpfs "$0" && exec "$@"';
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', `${mountRo}`, tmpDir, 'true'], { stdio: 'ignore' });
  if (probe.status !== 0) return null;
  return {
    tmpDir,
    wrap: ['unshare', '-m', 'sh', '-c', mountRo, tmpDir],
    code: 'read-only file system (EROFS)',
  };
}

test('exec with a read-only TMPDIR falls back and runs its sidecar', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'socket-ro');
  const ro = unwritableTmpDir(dir);
  if (ro === null) {
    t.skip('running as root without `unshare -m` + mount: no way to make a TMPDIR root cannot write');
    return;
  }
  const fallback = path.join(fallbackDirOf(t, ro.tmpDir), 'sidecars-web.sock');
  const config = writeConfig(dir, CONFIG);
  const args = ['exec', '--for', 'web', '--config', config];
  const env = { PIDS_FILE: pidsFile, TMPDIR: ro.tmpDir };
  const exec = {
    cli:
      ro.wrap === null
        ? startExec(t, config, env)
        : startSidecarsWrapped(t, [...ro.wrap, SHIPPED_NODE, SIDECARS_JS, ...args], env).cli,
  };

  await waitFor('the sidecar running', () => readPids(pidsFile).length === 1);
  await waitFor('the state API', () => listening(exec.cli));
  assert.equal(listening(exec.cli)?.['address'], `unix:${fallback}`);
  assert.equal(
    listening(exec.cli)?.['cause'],
    `cannot listen on unix:${ro.tmpDir}/sidecars/sidecars-web.sock: cannot make its directory ${ro.tmpDir}/sidecars: ${ro.code}`,
  );
  const status = await statusWith(ro.tmpDir);
  assert.deepEqual(status.found, [[`unix:${fallback}`, ['agent:running']]]);

  exec.cli.child.kill('SIGTERM');
  assert.deepEqual(await exec.cli.exited, { code: 143, signal: null });
  assertNoStackTrace(exec.cli.text());
  await assertAllGone([exec.cli.pid, status.pid, ...readPids(pidsFile)]);
});

/** `sidecars exec` through a wrapper that execs it in the end (unshare, sh -c … exec): same pid. */
function startSidecarsWrapped(
  t: TestContext,
  argv: string[],
  env: Record<string, string>,
): { cli: RunningCli } {
  const [file = '', ...args] = argv;
  const child = spawn(file, args, {
    env: { PATH: toShippedPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${file}`);
  t.after(() => child.kill('SIGKILL'));
  const lines: string[] = [];
  const stderr: string[] = [];
  collectLines(child.stdout, lines);
  collectLines(child.stderr, stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    cli: { child, pid: child.pid, lines, stderr, exited, text: () => [...lines, ...stderr].join('\n') },
  };
}

test(
  "no socket path works (the fallback dir is a planted symlink, or another user's): status.unavailable, the sidecar runs",
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-none');
    const tmpDir = path.join(dir, DEEP, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const primary = path.join(tmpDir, 'sidecars', 'sidecars-web.sock');
    const fallbackDir = fallbackDirOf(t, tmpDir);
    const target = path.join(dir, 'attacker');
    mkdirSync(target);
    symlinkSync(target, fallbackDir);
    const exec = startExec(t, writeConfig(dir, CONFIG), { PIDS_FILE: pidsFile, TMPDIR: tmpDir });

    await waitFor('the sidecar running', () => readPids(pidsFile).length === 1);
    const warning = await waitFor('status.unavailable', () =>
      readEvents(exec.lines).find((e) => e['event'] === 'status.unavailable'),
    );
    assert.equal(warning['address'], `unix:${primary}`);
    assert.equal(
      warning['cause'],
      `cannot listen on unix:${primary}: the socket path is ${Buffer.byteLength(primary)} bytes, over the 107-byte limit of a unix socket path; ` +
        `cannot listen on unix:${fallbackDir}/sidecars-web.sock: ${fallbackDir} is not a private directory of ours: ` +
        'it is a file or a symbolic link, not a directory',
    );
    assert.equal(listening(exec), undefined);
    assert.deepEqual(readdirSync(target), [], 'nothing made through the symlink');
    const execs = [exec];

    // another user made the fallback dir first: only root can make a dir another user owns
    if (UID === 0) {
      const otherTmpDir = path.join(dir, DEEP, 'other-tmp');
      mkdirSync(otherTmpDir);
      const othersDir = fallbackDirOf(t, otherTmpDir);
      mkdirSync(othersDir, { mode: 0o700 });
      chownSync(othersDir, 65534, 65534);
      const other = startExec(t, writeConfig(dir, CONFIG), { PIDS_FILE: pidsFile, TMPDIR: otherTmpDir });
      execs.push(other);
      await waitFor('its sidecar running', () => readPids(pidsFile).length === 2);
      const refused = await waitFor('status.unavailable', () =>
        readEvents(other.lines).find((e) => e['event'] === 'status.unavailable'),
      );
      assert.match(
        String(refused['cause']),
        new RegExp(
          `; cannot listen on unix:${othersDir}/sidecars-web\\.sock: ${othersDir} is not a private directory of ours: it belongs to uid 65534, not to uid 0$`,
        ),
      );
      assert.deepEqual(readdirSync(othersDir), []);
    }

    for (const cli of execs) cli.child.kill('SIGTERM');
    for (const cli of execs) {
      assert.deepEqual(await cli.exited, { code: 143, signal: null });
      assertNoStackTrace(cli.text());
    }
    assert.deepEqual(socketsUnder(dir), []);
    await assertAllGone([...execs.map((e) => e.pid), ...readPids(pidsFile)]);
  },
);

test(
  'sidecars run on a droplet under a deep path: the nested exec starts its sidecar',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-run');
    const config = runtimeConfig([
      { name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] },
    ]);
    const droplet = makeDroplet(path.join(dir, DEEP, 'droplet'), {
      startCommand: `node ${proc('http-server.cjs')}`,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const tmpDir = path.join(droplet, 'tmp');
    assert.ok(Buffer.byteLength(path.join(tmpDir, 'sidecars', 'sidecars-web.sock')) > 107);
    const fallback = path.join(fallbackDirOf(t, tmpDir), 'sidecars-web.sock');
    const port = await freePort();
    const run = startSidecars(
      ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--env', `PIDS_FILE=${pidsFile}`],
      { env: {} },
    );
    t.after(() => run.child.kill('SIGKILL'));
    const seen = new Set<number>();
    const timer = setInterval(() => descendantPids(run.pid).forEach((pid) => seen.add(pid)), 20);
    t.after(() => clearInterval(timer));

    // the web app and the agent write their pids
    await waitFor('the sidecar running', () => readPids(pidsFile).length === 2, 15_000);
    const status = await statusWith(tmpDir);
    assert.deepEqual(status.found, [[`unix:${fallback}`, ['agent:running']]]);
    assert.deepEqual(socketsUnder(dir), []);

    run.child.kill('SIGTERM');
    assert.deepEqual(await run.exited, { code: 143, signal: null });
    clearInterval(timer);
    assertNoStackTrace(run.text());
    await assertAllGone([run.pid, status.pid, ...seen, ...readPids(pidsFile)]);
  },
);

test(
  'an explicit --status unix:PATH over 107 bytes: exit 1, one message, nothing started, no stray file',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-explicit');
    const tooLong = path.join(dir, DEEP, 'sidecars-status-api.sock');
    mkdirSync(path.dirname(tooLong));
    const bytes = Buffer.byteLength(tooLong);
    const hint =
      'Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).';
    const config = writeConfig(dir, CONFIG);
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: `node ${proc('http-server.cjs')}`,
      deps: [{ idx: CONFIG.depsIdx, launch: toOwnLaunch(CONFIG), runtimeConfig: CONFIG }],
    });
    const env = { PIDS_FILE: pidsFile, TMPDIR: path.join(dir, 'tmp') };
    const exec = startExec(t, config, env, ['--status', `unix:${tooLong}`]);
    const run = startSidecars(
      ['run', droplet, '--status', `unix:${tooLong}`, '--env', `PIDS_FILE=${pidsFile}`],
      {
        env: {},
      },
    );
    t.after(() => run.child.kill('SIGKILL'));
    const status = startStatus(['--status', `unix:${tooLong}`], {});

    for (const [command, cli] of [
      ['exec', exec],
      ['run', run],
    ] as const) {
      assert.deepEqual(await cli.exited, { code: 1, signal: null }, command);
      assert.deepEqual(cli.lines, [], `${command}: nothing started`);
      assert.deepEqual(cli.stderr, [
        `sidecars ${command}: --status unix:${tooLong}: the socket path is ${bytes} bytes, over the 107-byte limit of a unix socket path`,
        hint,
      ]);
    }
    assert.equal(await status.exited, 1);
    assert.deepEqual(status.stdout, []);
    assert.deepEqual(status.stderr, [
      `sidecars status: --status unix:${tooLong}: the socket path is ${bytes} bytes, over the 107-byte limit of a unix socket path`,
      hint,
    ]);
    assert.deepEqual(readPids(pidsFile), []);
    assert.deepEqual(socketsUnder(dir), [], 'no socket at the path cut short');
    await assertAllGone([exec.pid, run.pid, status.pid]);
  },
);

test(
  'an explicit --status unix:PATH that cannot work: exit 1 naming it and why; a file there is left alone',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'socket-explicit-bad');
    const config = writeConfig(dir, CONFIG);
    const env = { PIDS_FILE: pidsFile, TMPDIR: path.join(dir, 'tmp') };
    const file = path.join(dir, 'precious.txt');
    writeFileSync(file, 'keep me');
    const underFile = path.join(file, 'api.sock');
    const live = startExec(t, config, env, ['--status', `unix:${dir}/live.sock`]);
    await waitFor('the first supervisor listening', () => listening(live));
    // another program listens there, and makes no claim
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(path.join(dir, 'other.sock'), resolve));
    t.after(() => other.close());
    const cases = [
      [
        file,
        `cannot listen on unix:${file}: ${file} is there and is not a socket`,
        'Pick another path, or remove that file.',
      ],
      [
        underFile,
        `cannot listen on unix:${underFile}: cannot make its directory ${file}: a file is in the way (EEXIST)`,
        'Use a --status unix:PATH in a directory you can write, or a loopback port (--status 127.0.0.1:0).',
      ],
      [
        `${dir}/live.sock`,
        `cannot listen on unix:${dir}/live.sock: pid ${live.pid} (sidecars exec) listens there`,
        `Stop it (kill ${live.pid}), or pick another --status address (127.0.0.1:0 picks a free port).`,
      ],
      [
        `${dir}/other.sock`,
        `cannot listen on unix:${dir}/other.sock: already in use`,
        'Stop what is listening there, or pick another --status address (127.0.0.1:0 picks a free port).',
      ],
    ] as const;
    const pids = [live.pid];
    for (const [socket, message, hint] of cases) {
      const exec = startExec(t, config, env, ['--status', `unix:${socket}`]);
      pids.push(exec.pid);
      assert.deepEqual(await exec.exited, { code: 1, signal: null }, socket);
      assert.deepEqual(exec.stderr, [`sidecars exec: ${message}`, hint]);
      assertNoStackTrace(exec.text());
    }
    assert.equal(readPids(pidsFile).length, 1, 'only the first supervisor started its sidecar');
    assert.deepEqual(readdirSync(dir).sort(), [
      '.live.sock.lock',
      'live.sock',
      'other.sock',
      'pids',
      'precious.txt',
      'runtime-config.json',
    ]);
    live.child.kill('SIGTERM');
    assert.deepEqual(await live.exited, { code: 143, signal: null });
    await assertAllGone([...pids, ...readPids(pidsFile)]);
  },
);
