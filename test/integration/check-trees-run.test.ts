// Issue 18 item 3 under `sidecars run` (the app's own exec check, a nested exec's sidecar check
// and its gate), and on the ways out that skip the supervisor's own stop (an internal error, the
// forced exit): whatever an exec check started never outlives the supervisor.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import type { HealthCheck } from '../../src/config/runtime-config.js';
import {
  assertEndedRunsGone,
  assertNoRunLeft,
  killQuietly,
  PROCESSES_PER_RUN,
  readLiveRunPids,
  toLeaverCommand,
  watchRuns,
} from '../helpers/check-runs.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { REPO_DIR, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 60_000 };
const LIVENESS_RUNS = 10;
const PILE_BOUND = 2 * PROCESSES_PER_RUN;

/** A scratch dir with a dir per check (app, own), their marks, and a cleanup after a failure. */
async function scratch(t: TestContext, prefix: string) {
  const { dir } = await makeScratch(t, prefix);
  const mark = path.basename(dir);
  const checks = { app: `${mark}-app`, own: `${mark}-own` };
  for (const name of Object.keys(checks)) mkdirSync(path.join(dir, name));
  let cli: RunningCli | null = null;
  t.after(async () => {
    cli?.child.kill('SIGKILL');
    for (let round = 0; round < 3; round += 1) {
      const left = Object.values(checks).flatMap((m) => [...readLiveRunPids(m).values()].flat());
      for (const pid of [...left, ...pidsWithEnv('MARK', mark)]) killQuietly(pid);
      await sleep(200);
    }
  });
  return { dir, mark, checks, started: (started: RunningCli) => (cli = started) };
}

function execCheck(command: string, extra: Partial<HealthCheck> = {}): HealthCheck {
  return healthCheck({ type: 'exec', command, intervalMs: 1_000, ...extra });
}

async function startRun(dir: string, mark: string, startCommand: string, app: HealthCheck, own: HealthCheck) {
  const config = runtimeConfig(
    [{ name: 'agent', command: 'exec sleep 1000', memoryMb: 64, sidecarFor: ['web'], healthCheck: own }],
    { web: app },
  );
  const droplet = makeDroplet(path.join(dir, 'droplet'), {
    startCommand,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
  const port = await freePort();
  const args = ['run', droplet, '--port', String(port), '--grace-ms', '1000', '--env', `MARK=${mark}`];
  return startSidecars(args, { env: {} });
}

test(
  "run: the app's exec check and a nested sidecar's, every 1 s, leaving daemons: each run's processes are gone once it ends, none pile up, none outlive run",
  TIMEOUT,
  async (t) => {
    const { dir, mark, checks, started } = await scratch(t, 'checks-run');
    const check = (name: 'app' | 'own') => execCheck(toLeaverCommand(path.join(dir, name), checks[name]));
    const cli = started(await startRun(dir, mark, 'exec sleep 1000', check('app'), check('own')));
    for (const name of ['app', 'own'] as const) {
      // the app's check runs twice at first (run's readiness and the nested exec's gate): counted after
      await watchRuns(path.join(dir, name), checks[name], 3, 30_000);
      const most = await watchRuns(path.join(dir, name), checks[name], 3 + LIVENESS_RUNS, 30_000);
      t.diagnostic(`${name}: at most ${most} processes of the check alive at once`);
      assert.ok(most <= PILE_BOUND, `${name}: ${most} processes of the check alive at once`);
      await assertEndedRunsGone(path.join(dir, name), checks[name]);
    }
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    for (const name of ['app', 'own'] as const) await assertNoRunLeft(checks[name]);
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  "run: the app dies while its exec check and a nested sidecar's hang: run exits with its code at once, nothing either check started is left",
  TIMEOUT,
  async (t) => {
    const { dir, mark, checks, started } = await scratch(t, 'checks-run-death');
    const hanging = (name: 'app' | 'own') =>
      execCheck(toLeaverCommand(path.join(dir, name), checks[name], 'hang'), {
        timeoutMs: 120_000,
        invocationTimeoutMs: 120_000,
      });
    const app = `sleep 4; exit 4`;
    const cli = started(await startRun(dir, mark, app, hanging('app'), hanging('own')));
    // the nested exec's sidecar waits at its gate (the app's check, which hangs): only the app's runs
    await waitFor(
      "the app's check to have started everything",
      () => [...readLiveRunPids(checks.app).values()].flat().length >= PROCESSES_PER_RUN,
    );
    const exit = await Promise.race([cli.exited, sleep(20_000, 'no exit within 20 s', { ref: false })]);
    assert.deepEqual(exit, { code: 4, signal: null });
    for (const name of ['app', 'own'] as const) await assertNoRunLeft(checks[name]);
    await assertNothingLeft(mark, [cli.pid]);
  },
);

for (const how of ['throw', 'exit'] as const) {
  const what = how === 'throw' ? 'an internal error (process.exit(1))' : 'the forced exit (process.exit)';
  test(`${what} while an exec check hangs: nothing the check started is left`, TIMEOUT, async (t) => {
    const { dir, mark, checks } = await scratch(t, `checks-${how}`);
    const command = toLeaverCommand(path.join(dir, 'own'), checks.own, 'hang');
    const script = path.join(REPO_DIR, 'dist/test/helpers/supervise-then-exit.js');
    const child = spawn(SHIPPED_NODE, [script, how, command, path.join(dir, 'own')], {
      env: { PATH: process.env['PATH'] ?? '', MARK: mark },
      stdio: 'ignore',
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    assert.equal(code, how === 'throw' ? 1 : 0);
    await assertNoRunLeft(checks.own);
    await assertNothingLeft(mark, child.pid === undefined ? [] : [child.pid]);
  });
}
