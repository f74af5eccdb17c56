import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, descendantPids, readPids } from '../helpers/pids.js';
import { readEvents, REPO_DIR, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 25_000 };
const WEB = (env = '') => `${env} node ${proc('http-server.cjs')}`;

function ownDeps(config: RuntimeConfig) {
  return { idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config };
}

async function startRun(t: TestContext, droplet: (dir: string) => string, extraArgs: string[] = []) {
  const { dir, pidsFile } = await makeScratch(t, 'run');
  const port = await freePort();
  const dropletDir = droplet(path.join(dir, 'droplet'));
  const args = [
    'run',
    dropletDir,
    '--port',
    String(port),
    '--grace-ms',
    '2000',
    '--env',
    `PIDS_FILE=${pidsFile}`,
    ...extraArgs,
  ];
  const cli = startSidecars(args, { env: {} });
  const seen = new Set<number>();
  const timer = setInterval(() => {
    for (const pid of descendantPids(cli.pid)) seen.add(pid);
  }, 20);
  const allPids = (): number[] => {
    clearInterval(timer);
    return [cli.pid, ...seen, ...readPids(pidsFile)];
  };
  t.after(() => clearInterval(timer));
  return { cli, dir, port, pidsFile, allPids };
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

function hasLine(cli: RunningCli, line: string): boolean {
  return cli.lines.includes(line);
}

test(
  'a sidecar exiting 3 after the gate: web is stopped and run exits 3, with CF log prefixes',
  TIMEOUT,
  async (t) => {
    const config = runtimeConfig([
      { name: 'quitter', command: `${proc('exit-with.sh')} 3 0.3`, memoryMb: 32, sidecarFor: ['web'] },
    ]);
    const run = await startRun(t, (dir) =>
      makeDroplet(dir, { startCommand: WEB('DELAY_MS=300'), deps: [ownDeps(config)] }),
    );
    assert.deepEqual(await run.cli.exited, { code: 3, signal: null });
    const { lines } = run.cli;
    assert.ok(lines.some((l) => /^\[APP\/PROC\/WEB\/0\] OUT web listening on \d+$/.test(l)));
    const quitLine = lines.findIndex((l) => l === '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT exiting with 3');
    assert.ok(
      quitLine > lines.findIndex((l) => l.includes('OUT web listening')),
      'the sidecar ran before the port opened',
    );
    const webEnd = readEvents(lines).find((e) => e['proc'] === 'web' && e['event'] === 'process.killed');
    assert.equal(webEnd?.['reason'], 'stopped');
    assert.equal(
      run.cli.stderr.at(-1),
      'sidecars run: quitter exited with code 3 (sidecars-web); stopped 1 other process(es)',
    );
    await assertAllGone(run.allPids());
  },
);

test('web crashing stops the sidecars; run exits with its code', TIMEOUT, async (t) => {
  const config = runtimeConfig([
    { name: 'idler', command: proc('spawn-grandchild.sh'), memoryMb: 32, sidecarFor: ['web'] },
  ]);
  const run = await startRun(t, (dir) =>
    makeDroplet(dir, { startCommand: WEB('EXIT_AFTER_MS=1200 EXIT_CODE=4'), deps: [ownDeps(config)] }),
  );
  // web, the sidecar and its grandchild record their pids once running; the grandchild's line
  // reaches run's output through the nested exec, possibly after its pid reached the file
  await waitFor(
    "the sidecar and its grandchild to run, and the grandchild's line to arrive",
    () =>
      readPids(run.pidsFile).length >= 3 &&
      run.cli.lines.some((l) => l.startsWith('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT grandchild ')),
    10_000,
  );
  assert.deepEqual(await run.cli.exited, { code: 4, signal: null });
  assert.equal(run.cli.stderr.at(-1), 'sidecars run: web exited with code 4; stopped 1 other process(es)');
  await assertAllGone(run.allPids());
});

test('a command exiting 0 still fails the run (exit 1), and the summary names it', TIMEOUT, async (t) => {
  const config = runtimeConfig(
    [{ name: 'oneshot', command: `${proc('exit-with.sh')} 0`, memoryMb: 32, sidecarFor: ['web'] }],
    {
      web: healthCheck({ type: 'process' }),
    },
  );
  const run = await startRun(t, (dir) =>
    makeDroplet(dir, { startCommand: proc('sleep-forever.sh'), deps: [ownDeps(config)] }),
  );
  assert.deepEqual(await run.cli.exited, { code: 1, signal: null });
  assert.match(
    run.cli.stderr.at(-1) ?? '',
    /^sidecars run: oneshot exited with code 0 \(sidecars-web\); stopped 1 other/,
  );
  await assertAllGone(run.allPids());
});

test('SIGTERM to run: everything stops gracefully, exit 143', TIMEOUT, async (t) => {
  const config = runtimeConfig([
    { name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] },
  ]);
  const run = await startRun(t, (dir) => makeDroplet(dir, { startCommand: WEB(), deps: [ownDeps(config)] }));
  await waitFor(
    'the sidecar to run',
    () => hasLine(run.cli, '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping'),
    10_000,
  );
  run.cli.child.kill('SIGTERM');
  assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
  assert.equal(run.cli.stderr.at(-1), 'sidecars run: received SIGTERM: stopped 2 process(es)');
  await assertAllGone(run.allPids());
});

test(
  "launcher environment and profile.d; other buildpacks' sidecars are gated and merged by index",
  TIMEOUT,
  async (t) => {
    const show =
      'echo "home=$HOME deps=$DEPS_DIR mem=$MEMORY_LIMIT from=$FROM_PROFILE,$FROM_APP type=$(node -p "JSON.parse(process.env.VCAP_APPLICATION).process_type")"';
    const foreign = (command: string) => ({
      type: 'other-agent',
      command,
      memoryMb: 48,
      sidecarFor: ['web'],
    });
    const run = await startRun(t, (dir) =>
      makeDroplet(dir, {
        startCommand: `${show}; export DELAY_MS=400; exec node ${proc('http-server.cjs')}`,
        deps: [
          { idx: '0', launch: [foreign('echo overridden; exit 9')] },
          { idx: '1', launch: [foreign(`${show}; exec ${proc('sleep-forever.sh')}`)] },
        ],
        profileD: { 'a.sh': 'export FROM_PROFILE=droplet\n' },
        appProfileD: { 'b.sh': 'export FROM_APP=app\n' },
      }),
    );
    await waitFor(
      'the foreign sidecar to run',
      () => hasLine(run.cli, '[APP/PROC/WEB/SIDECAR/OTHER-AGENT/0] OUT sleeping'),
      10_000,
    );
    const droplet = path.join(run.dir, 'droplet');
    const expected = (mem: string) =>
      `home=${droplet}/app deps=${droplet}/deps mem=${mem} from=droplet,app type=web`;
    assert.ok(hasLine(run.cli, `[APP/PROC/WEB/0] OUT ${expected('1024m')}`), run.cli.lines.join('\n'));
    assert.ok(hasLine(run.cli, `[APP/PROC/WEB/SIDECAR/OTHER-AGENT/0] OUT ${expected('48m')}`));
    const events = readEvents(run.cli.lines);
    const healthyAt = events.findIndex((e) => e['event'] === 'process.healthy' && e['proc'] === 'web');
    const startedAt = events.findIndex(
      (e) => e['event'] === 'process.starting' && e['proc'] === 'other-agent',
    );
    assert.ok(healthyAt >= 0 && startedAt > healthyAt, 'the foreign sidecar started before web was healthy');
    run.cli.child.kill('SIGINT');
    assert.deepEqual(await run.cli.exited, { code: 130, signal: null });
    await assertAllGone(run.allPids());
  },
);

test(
  'a grandchild of a sidecar growing past its limit: killed for oom, run exits 137',
  TIMEOUT,
  async (t) => {
    const config = runtimeConfig(
      [{ name: 'hog', command: `node ${proc('grow-rss.cjs')} & wait`, memoryMb: 80, sidecarFor: ['web'] }],
      { web: healthCheck({ type: 'process' }) },
    );
    const run = await startRun(
      t,
      (dir) => makeDroplet(dir, { startCommand: proc('sleep-forever.sh'), deps: [ownDeps(config)] }),
      ['--env', 'STEP_MB=16'],
    );
    assert.deepEqual(await run.cli.exited, { code: 137, signal: null });
    assert.ok(
      run.cli.lines.some((l) =>
        /^\[APP\/PROC\/WEB\/SIDECAR\/SIDECARS-WEB\/0\] OUT .*"hog exceeded its memory limit: \d+ MB > 80 MB \(PSS; RSS \d+ MB\)"/.test(
          l,
        ),
      ),
    );
    await assertAllGone(run.allPids());
  },
);

test('a failed liveness check fails the run with reason unhealthy (exit 1)', TIMEOUT, async (t) => {
  const config = runtimeConfig(
    [{ name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] }],
    {
      web: healthCheck({ type: 'http', endpoint: '/health', intervalMs: 200 }),
    },
  );
  const run = await startRun(t, (dir) =>
    makeDroplet(dir, { startCommand: WEB('OK_COUNT=3'), deps: [ownDeps(config)] }),
  );
  assert.deepEqual(await run.cli.exited, { code: 1, signal: null });
  assert.match(
    run.cli.stderr.at(-1) ?? '',
    /^sidecars run: web was stopped: liveness http check on http:\/\/127\.0\.0\.1:\d+\/health failed: HTTP 500; stopped 1 other/,
  );
  await assertAllGone(run.allPids());
});

test(
  'a droplet staged by the real bin/supply runs: the sidecar starts after the web port opens',
  { timeout: 60_000 },
  async (t) => {
    const run = await startRun(t, (dir) => {
      const app = path.join(dir, 'app');
      mkdirSync(app, { recursive: true });
      mkdirSync(path.join(dir, 'deps', '0'), { recursive: true });
      mkdirSync(path.join(dir, 'cache'), { recursive: true });
      const sidecar = `${proc('record-start.sh')} ${path.join(dir, 'started')}`;
      writeFileSync(
        path.join(app, 'sidecars.yml'),
        `sidecars:\n  - name: agent\n    command: ${JSON.stringify(sidecar)}\n    memory: 32\n`,
      );
      writeFileSync(
        path.join(dir, 'staging_info.yml'),
        JSON.stringify({ start_command: WEB(`DELAY_MS=500 OPENED_FILE=${path.join(dir, 'opened')}`) }),
      );
      const supply = spawnSync(
        path.join(REPO_DIR, 'bin', 'supply'),
        [app, path.join(dir, 'cache'), path.join(dir, 'deps'), '0'],
        {
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '', CF_STACK: 'cflinuxfs4', MEMORY_LIMIT: '1024m' },
        },
      );
      assert.equal(supply.status, 0, supply.stdout + supply.stderr);
      return dir;
    });
    const line = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT recorded start, MEMORY_LIMIT=32m';
    await waitFor('the sidecar to run', () => hasLine(run.cli, line), 15_000);
    const droplet = path.join(run.dir, 'droplet');
    const startedAt = Number(readFileSync(path.join(droplet, 'started'), 'utf8'));
    const openedAt = Number(readFileSync(path.join(droplet, 'opened'), 'utf8'));
    assert.ok(
      startedAt >= openedAt,
      `the sidecar started at ${startedAt}, before the port opened at ${openedAt}`,
    );
    run.cli.child.kill('SIGTERM');
    assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
    await assertAllGone(run.allPids());
  },
);

test(
  'a fast app is started once its nested exec waits at its gate: the gated sidecar follows the port at once',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'gating');
    const opened = path.join(dir, 'opened');
    const started = path.join(dir, 'started');
    const config = runtimeConfig([
      { name: 'side', command: `${proc('record-start.sh')} ${started}`, memoryMb: 32, sidecarFor: ['web'] },
    ]);
    // no delay: the app listens as soon as Node.js has loaded it, sooner than the nested exec loads
    const run = await startRun(t, (droplet) =>
      makeDroplet(droplet, { startCommand: WEB(`OPENED_FILE=${opened}`), deps: [ownDeps(config)] }),
    );
    await waitFor('the gated sidecar to start', () => existsSync(started), 15_000);
    assert.ok(Number(readFileSync(started, 'utf8')) >= Number(readFileSync(opened, 'utf8')));
    const events = readEvents(run.cli.lines);
    const at = (proc: string, event: string): number => {
      const found = events.find((e) => e['proc'] === proc && e['event'] === event);
      assert.ok(found, `${proc} ${event} in ${run.cli.lines.join('\n')}`);
      return Date.parse(String(found['time']));
    };
    // the nested exec's own line says when it began waiting: before the port opened (without the
    // hold, a nested exec still loading when a fast app listens finds the port open at its first probe)
    assert.ok(
      at('side', 'process.waiting') < Number(readFileSync(opened, 'utf8')),
      `the nested exec did not wait at its gate before the port opened:\n${run.cli.lines.join('\n')}`,
    );
    run.cli.child.kill('SIGTERM');
    assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
    await assertAllGone(run.allPids());
  },
);
