// Issue 18 item 3: an exec health check's processes — detached with setsid -f, nohup, a double
// fork, disown, a daemon that closes its fds — are stopped when its run ends or times out, never
// pile up over the runs, and never outlive `sidecars exec`, on any way out.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import type { HealthCheck, RuntimeSidecar } from '../../src/config/runtime-config.js';
import {
  assertEndedRunsGone,
  assertNoRunLeft,
  killQuietly,
  NEXT_SWEEP_MS,
  PROCESSES_PER_RUN,
  readLiveRunPids,
  readRuns,
  toLeaverCommand,
  watchRuns,
} from '../helpers/check-runs.js';
import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 60_000 };
const PROCESS_GATE = { web: healthCheck({ type: 'process' }) };
/** liveness runs watched: before the fix, 2 processes per run (the two new sessions) piled up */
const LIVENESS_RUNS = 10;
/** at most the processes of two runs at once (one ending, the next starting) */
const PILE_BOUND = 2 * PROCESSES_PER_RUN;

function sidecar(name: string, command: string, extra: Partial<RuntimeSidecar> = {}): RuntimeSidecar {
  return { name, command, memoryMb: 64, sidecarFor: ['web'], ...extra };
}

function execCheck(command: string, extra: Partial<HealthCheck> = {}): HealthCheck {
  return healthCheck({ type: 'exec', command, intervalMs: 1_000, ...extra });
}

/** A scratch dir, the marks of the test's processes and of its check's, and a cleanup of both. */
async function scratch(t: TestContext, prefix: string) {
  const { dir } = await makeScratch(t, prefix);
  const mark = path.basename(dir);
  const checkMark = `${mark}-check`;
  const gateMark = `${mark}-gate`;
  let cli: RunningCli | null = null;
  // after a failure: a check still running when its supervisor was killed may start more a moment later
  t.after(async () => {
    cli?.child.kill('SIGKILL');
    for (let round = 0; round < 3; round += 1) {
      const left = [checkMark, gateMark].flatMap((m) => [...readLiveRunPids(m).values()].flat());
      for (const pid of [...left, ...pidsWithEnv('MARK', mark)]) killQuietly(pid);
      await sleep(200);
    }
  });
  return { dir, mark, checkMark, gateMark, started: (started: RunningCli) => (cli = started) };
}

for (const processPath of ['proc', 'portable'] as const) {
  test(
    `exec (${processPath} path): a liveness exec check every 1 s that leaves daemons: each run's processes are gone once it ends, none pile up, none outlive exec`,
    TIMEOUT,
    async (t) => {
      const { dir, mark, checkMark, started } = await scratch(t, `checks-liveness-${processPath}`);
      const check = execCheck(toLeaverCommand(dir, checkMark));
      const config = writeConfig(
        dir,
        runtimeConfig([sidecar('agent', 'exec sleep 1000', { healthCheck: check })], PROCESS_GATE),
      );
      const cli = started(
        startSidecars(['exec', '--for', 'web', '--config', config], {
          env: { MARK: mark, SIDECARS_PROCESS_PATH: processPath },
        }),
      );
      const most = await watchRuns(dir, checkMark, LIVENESS_RUNS, 30_000);
      t.diagnostic(`at most ${most} processes of the check alive at once`);
      assert.ok(most <= PILE_BOUND, `${most} processes of the check alive at once (bound ${PILE_BOUND})`);
      await assertEndedRunsGone(dir, checkMark);
      cli.child.kill('SIGTERM');
      assert.deepEqual(await cli.exited, { code: 143, signal: null });
      await assertNoRunLeft(checkMark);
      await assertNothingLeft(mark, [cli.pid]);
    },
  );
}

test(
  'exec: a liveness check that leaves only detached daemons (nothing in its group): the next sweep kills them, none pile up',
  TIMEOUT,
  async (t) => {
    const { dir, mark, checkMark, started } = await scratch(t, 'checks-detached-only');
    const check = execCheck(toLeaverCommand(dir, checkMark, 'detached-only'));
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('agent', 'exec sleep 1000', { healthCheck: check })], PROCESS_GATE),
    );
    const cli = started(startSidecars(['exec', '--for', 'web', '--config', config], { env: { MARK: mark } }));
    const most = await watchRuns(dir, checkMark, LIVENESS_RUNS, 30_000);
    t.diagnostic(`at most ${most} processes of the check alive at once`);
    assert.ok(most <= PILE_BOUND, `${most} processes of the check alive at once (bound ${PILE_BOUND})`);
    await assertEndedRunsGone(dir, checkMark, 1, NEXT_SWEEP_MS);
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertNoRunLeft(checkMark);
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  'exec: a check that times out while its children hang: each run is stopped whole (new sessions too), the sidecar fails unhealthy, nothing is left',
  TIMEOUT,
  async (t) => {
    const { dir, mark, checkMark, started } = await scratch(t, 'checks-timeout');
    const check = execCheck(toLeaverCommand(dir, checkMark, 'hang'), {
      timeoutMs: 4_000,
      invocationTimeoutMs: 1_000,
    });
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('agent', 'exec sleep 1000', { healthCheck: check })], PROCESS_GATE),
    );
    const cli = started(startSidecars(['exec', '--for', 'web', '--config', config], { env: { MARK: mark } }));
    await watchRuns(dir, checkMark, 3, 20_000);
    await assertEndedRunsGone(dir, checkMark);
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    assert.match(
      cli.stderr.join('\n'), // the 4 s timeout, as a loaded machine rounds it (the wait ends at the first check after it)
      /agent was stopped: exec check .* did not pass within [4-9] s/,
    );
    await assertNoRunLeft(checkMark);
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  "exec: a process type's exec check at the gate: the failed runs' processes are gone, the sidecar starts once one passes, nothing is left",
  TIMEOUT,
  async (t) => {
    const { dir, mark, checkMark, started } = await scratch(t, 'checks-gate');
    const gate = { web: execCheck(toLeaverCommand(dir, checkMark, 'pass-after 3')) };
    const config = writeConfig(dir, runtimeConfig([sidecar('agent', 'exec sleep 1000')], gate));
    const cli = started(startSidecars(['exec', '--for', 'web', '--config', config], { env: { MARK: mark } }));
    await waitFor('the sidecar to start', () => cli.lines.some((l) => l.includes('"process.running"')));
    assert.equal(readRuns(dir).length, 4, 'three failed runs, then one that passed');
    await assertEndedRunsGone(dir, checkMark, 0);
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertNoRunLeft(checkMark);
    await assertNothingLeft(mark, [cli.pid]);
  },
);

const WAYS_OUT = [
  { how: 'SIGTERM', code: 143 },
  { how: 'SIGINT', code: 130 },
  { how: 'SIGHUP', code: 129 },
  { how: 'a sidecar death', code: 3 },
] as const;

for (const { how, code } of WAYS_OUT) {
  test(
    `exec: ${how} while a sidecar's check and the process type's check hang: exit ${code} at once, nothing either check started is left`,
    TIMEOUT,
    async (t) => {
      const { dir, mark, checkMark, gateMark, started } = await scratch(t, 'checks-way-out');
      const hanging = (check: string, mark: string): HealthCheck =>
        execCheck(toLeaverCommand(path.join(dir, check), mark, 'hang'), {
          timeoutMs: 120_000,
          invocationTimeoutMs: 120_000,
        });
      mkdirSync(path.join(dir, 'own'));
      mkdirSync(path.join(dir, 'gate'));
      const crasher = how === 'a sidecar death' ? `sleep 3; exit 3` : 'exec sleep 1000';
      const config = writeConfig(
        dir,
        runtimeConfig(
          [
            sidecar('agent', 'exec sleep 1000', {
              healthCheck: hanging('own', checkMark),
              start: 'with_app',
            }),
            sidecar('crasher', crasher, { start: 'with_app' }),
            sidecar('gated', 'exec sleep 1000'),
          ],
          { web: hanging('gate', gateMark) },
        ),
      );
      const cli = started(
        startSidecars(['exec', '--for', 'web', '--config', config, '--grace-ms', '1000'], {
          env: { MARK: mark },
        }),
      );
      await waitFor('both checks to have started everything', () =>
        [checkMark, gateMark].every(
          (m) => [...readLiveRunPids(m).values()].flat().length >= PROCESSES_PER_RUN,
        ),
      );
      const startedAt = Date.now();
      if (how !== 'a sidecar death') cli.child.kill(how);
      const exit = await Promise.race([
        cli.exited,
        new Promise<string>((resolve) => setTimeout(() => resolve('no exit within 20 s'), 20_000).unref()),
      ]);
      assert.deepEqual(exit, { code, signal: null });
      assert.ok(Date.now() - startedAt < 10_000, `exec took ${Date.now() - startedAt} ms to exit`);
      await assertNoRunLeft(checkMark);
      await assertNoRunLeft(gateMark);
      await assertNothingLeft(mark, [cli.pid]);
    },
  );
}
