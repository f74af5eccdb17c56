// A `sidecars run` that was SIGKILLed cannot stop what it started: the next run of the droplet
// must name what is still running (pid, command) before it starts anything, instead of failing
// later on a taken port; --kill-stale stops them first. The state file behind it names processes
// by pid and start time, so a pid the kernel has given to another process is never blamed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import { readStartTicks } from '../../src/supervisor/claim/start-time.js';
import { toRunStateFile } from '../../src/supervisor/droplet/run-state.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, isAlive, pidsWithEnv } from '../helpers/pids.js';
import { readEvents, type RunningCli } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 40_000 };
const MARK = 'SIDECARS_TEST_MARK';
const SECRET = 'st4te-s3cret-771';
const WEB = `node ${proc('http-server.cjs')}`;
const AGENT = 'echo sleeping; exec sleep 1000';
const SIDECAR_UP = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping';

async function makeInstance(t: TestContext) {
  const { dir } = await makeScratch(t, 'stale-run');
  const config = runtimeConfig([{ name: 'agent', command: AGENT, memoryMb: 32, sidecarFor: ['web'] }], {
    web: healthCheck({ type: 'port' }),
  });
  const droplet = makeDroplet(path.join(dir, 'droplet'), {
    startCommand: WEB,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
  const port = String(await freePort());
  const start = (extra: string[] = []): RunningCli =>
    startCleaned(
      t,
      [
        'run',
        droplet,
        '--port',
        port,
        '--grace-ms',
        '2000',
        '--env',
        `${MARK}=${dir}`,
        '--env',
        'TOKEN',
        ...extra,
      ],
      { env: { [MARK]: dir, TOKEN: SECRET } },
    );
  // whatever a failed assertion leaves, by pid: every process the test started carries the mark
  t.after(() => {
    for (const pid of pidsWithEnv(MARK, dir)) process.kill(pid, 'SIGKILL');
  });
  return { dir, droplet, start, stateFile: toRunStateFile(droplet) };
}

/** The pids as the next run names them: the state's order, each tree's members after its root. */
function stopOrder(listed: readonly number[], exec: number, agent: number): string {
  return listed.flatMap((pid) => (pid === exec ? [pid, agent] : [pid])).join(' ');
}

/** A run up to its sidecar's first line, then SIGKILLed: returns what it left alive. */
async function killRun(instance: Awaited<ReturnType<typeof makeInstance>>) {
  const run = instance.start();
  await waitFor('the sidecar to run', () => run.lines.includes(SIDECAR_UP));
  // run starts the app once its nested exec waits at its gates (or after NESTED_READY_WAIT_MS):
  // the state lists them in the order they started, so wait for both and name them by name
  const state = await waitFor('the state to list web and the nested exec', () => {
    const read = JSON.parse(readFileSync(instance.stateFile, 'utf8')) as {
      supervisor: { pid: number };
      processes: Array<{ name: string; command: string; pid: number }>;
    };
    return read.processes.length === 2 && read;
  });
  assert.ok(!readFileSync(instance.stateFile, 'utf8').includes(SECRET), 'no environment value in the state');
  assert.equal(state.supervisor.pid, run.pid);
  assert.deepEqual(state.processes.map((p) => [p.name, p.command]).sort(), [
    ['sidecars-web', '"$DEPS_DIR/0/bin/sidecars" exec --for web'],
    ['web', WEB],
  ]);
  run.child.kill('SIGKILL');
  assert.deepEqual(await run.exited, { code: null, signal: 'SIGKILL' });
  const pidOf = (name: string): number => state.processes.find((p) => p.name === name)?.pid as number;
  const [web, exec] = [pidOf('web'), pidOf('sidecars-web')];
  const left = pidsWithEnv(MARK, instance.dir);
  const agent = left.find((pid) => pid !== web && pid !== exec);
  assert.equal(left.length, 3, 'web, the nested exec and its sidecar outlive a SIGKILLed run');
  assert.ok(agent !== undefined);
  /** the state's order, which the next run keeps when it names them */
  const listed = state.processes.map((p) => p.pid);
  return { run, web, exec, agent, listed };
}

test(
  'after a SIGKILLed run, the next one names what is left (pid, command), starts nothing, exits 1',
  TIMEOUT,
  async (t) => {
    const instance = await makeInstance(t);
    const { run, web, exec, agent, listed } = await killRun(instance);

    const second = instance.start();
    assert.deepEqual(await second.exited, { code: 1, signal: null });
    // each process the state lists, in its order, then what is left of its tree
    const lines = new Map([
      [web, [`  pid ${web}  web: ${WEB}`]],
      [
        exec,
        [
          `  pid ${exec}  sidecars-web: "$DEPS_DIR/0/bin/sidecars" exec --for web`,
          `  pid ${agent}  sleep, in sidecars-web's tree`,
        ],
      ],
    ]);
    assert.deepEqual(second.stderr, [
      `sidecars run: the last run of ${instance.droplet} (pid ${run.pid}) was killed before it could stop what it started; still running:`,
      ...listed.flatMap((pid) => lines.get(pid) ?? []),
      `Stop them (kill ${stopOrder(listed, exec, agent)}), or run again with --kill-stale to have them stopped first (SIGTERM, then SIGKILL after the grace period).`,
    ]);
    assert.deepEqual(readEvents(second.lines), [], 'nothing may start');
    assert.ok(existsSync(instance.stateFile), 'the next run must still see them');
    assert.ok([web, exec, agent].every(isAlive), 'reported, not touched');

    // as the message says: the nested exec stops its own sidecar on SIGTERM
    process.kill(web, 'SIGTERM');
    process.kill(exec, 'SIGTERM');
    await assertNothingLeft(instance.dir, [], MARK);

    // nothing alive behind the file any more: removed without a word, and the run goes on
    const third = instance.start();
    await waitFor('the sidecar to run', () => third.lines.includes(SIDECAR_UP));
    third.child.kill('SIGTERM');
    assert.deepEqual(await third.exited, { code: 143, signal: null });
    assert.deepEqual(third.stderr, ['sidecars run: received SIGTERM: stopped 2 process(es)']);
    assert.ok(!existsSync(instance.stateFile), 'a run that ended removes its state');
    await assertNothingLeft(instance.dir, [], MARK);
  },
);

test('--kill-stale stops what the last run left, then runs', TIMEOUT, async (t) => {
  const instance = await makeInstance(t);
  const { web, exec, agent, listed } = await killRun(instance);
  const second = instance.start(['--kill-stale']);
  await waitFor('the sidecar to run', () => second.lines.includes(SIDECAR_UP));
  assert.equal(
    second.stderr[0],
    `sidecars run: --kill-stale: stopped what the last run left running: ${stopOrder(listed, exec, agent)}`,
  );
  assert.deepEqual([web, exec, agent].filter(isAlive), []);
  second.child.kill('SIGTERM');
  assert.deepEqual(await second.exited, { code: 143, signal: null });
  await assertNothingLeft(instance.dir, [], MARK);
});

test(
  'a pid of the last run that now names another process is neither reported nor stopped',
  TIMEOUT,
  async (t) => {
    const instance = await makeInstance(t);
    const stranger = spawn('sleep', ['1000'], {
      stdio: 'ignore',
      env: { PATH: process.env['PATH'] ?? '', [MARK]: instance.dir },
    });
    t.after(() => stranger.kill('SIGKILL'));
    const pid = stranger.pid as number;
    await waitFor('the stranger to run', () => readStartTicks(pid));
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const ticks = readStartTicks(pid) as number;
    // the last run's web had this pid, but started earlier: it is gone, and the pid was reused
    mkdirSync(path.dirname(instance.stateFile), { recursive: true });
    writeFileSync(
      instance.stateFile,
      JSON.stringify({
        version: 1,
        bootId,
        supervisor: { pid: 999_999_999, startTicks: 1 },
        processes: [{ name: 'web', command: WEB, pid, startTicks: ticks - 1 }],
      }),
    );
    const run = instance.start(['--kill-stale']);
    await waitFor('the sidecar to run', () => run.lines.includes(SIDECAR_UP));
    assert.ok(isAlive(pid), 'the stranger was not stopped');
    run.child.kill('SIGTERM');
    assert.deepEqual(await run.exited, { code: 143, signal: null });
    assert.deepEqual(run.stderr, ['sidecars run: received SIGTERM: stopped 2 process(es)']);
    assert.ok(isAlive(pid));
    stranger.kill('SIGTERM');
    await assertNothingLeft(instance.dir, [], MARK);
  },
);

test(
  'a run of the droplet still running: a second run refuses, exit 1, and leaves it be',
  TIMEOUT,
  async (t) => {
    const instance = await makeInstance(t);
    const first = instance.start();
    await waitFor('the sidecar to run', () => first.lines.includes(SIDECAR_UP));
    const second = instance.start(['--kill-stale']);
    assert.deepEqual(await second.exited, { code: 1, signal: null });
    assert.deepEqual(second.stderr, [
      `sidecars run: another sidecars run (pid ${first.pid}) is running the droplet ${instance.droplet}`,
      `Stop it first (kill ${first.pid}), or run a copy of the droplet.`,
    ]);
    assert.deepEqual(readEvents(second.lines), []);
    first.child.kill('SIGTERM');
    assert.deepEqual(await first.exited, { code: 143, signal: null });
    assert.ok(!existsSync(instance.stateFile));
    await assertNothingLeft(instance.dir, [], MARK);
  },
);
