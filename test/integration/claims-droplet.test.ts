// Issue 18, item 6: `sidecars run` of one droplet started several times at the same moment. Before,
// two could both find no run record, both run side by side on the droplet's tmp/ (one removing
// the other's nested records dir: ENOTEMPTY … rmdir …/tmp/.sidecars-nested/sidecars-web). Now
// each claims the droplet (tmp/.sidecars-run.lock) before it touches anything there: exactly one
// runs, every other exits 1 naming the pid that runs it. A claim left by a SIGKILLed run, or one
// naming a pid that is now another process's, is taken over.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import { parseClaim, toClaimText } from '../../src/supervisor/claim/claim-holder.js';
import { readBootId, readStartTicks } from '../../src/supervisor/claim/start-time.js';
import { toRunClaimFile } from '../../src/supervisor/droplet/run-claim.js';
import { toRunStateFile } from '../../src/supervisor/droplet/run-state.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, isAlive, pidsWithEnv } from '../helpers/pids.js';
import { type RunningCli, SIDECARS_JS } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { startTogether } from '../helpers/start-together.js';
import { waitFor } from '../helpers/wait-for.js';

const MARK = 'SIDECARS_TEST_MARK';

/** Whatever a failed assertion leaves, by pid: every process the test started carries the mark. */
function killMarkedAfter(t: TestContext, dir: string): void {
  t.after(() => {
    for (const pid of pidsWithEnv(MARK, dir)) process.kill(pid, 'SIGKILL');
  });
}
const RUNS = 6;
const ROUNDS = 6;
const SIDECAR_UP = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping';

function makeInstanceDroplet(dir: string, name: string): string {
  const config = runtimeConfig(
    [{ name: 'agent', command: 'echo sleeping; exec sleep 1000', memoryMb: 32, sidecarFor: ['web'] }],
    { web: healthCheck({ type: 'port' }) },
  );
  return makeDroplet(path.join(dir, name), {
    startCommand: `node ${proc('http-server.cjs')}`,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
}

async function runArgs(droplet: string, dir: string): Promise<string[]> {
  return [
    'run',
    droplet,
    '--port',
    String(await freePort()),
    '--grace-ms',
    '2000',
    '--env',
    `${MARK}=${dir}`,
  ];
}

const hasEnded = (cli: RunningCli): boolean => cli.child.exitCode !== null || cli.child.signalCode !== null;

/** After a run ends: nothing of it left in the droplet's tmp/. */
function assertDropletClean(droplet: string): void {
  for (const file of [
    toRunClaimFile(droplet),
    toRunStateFile(droplet),
    path.join(droplet, 'tmp', '.sidecars-nested'),
  ]) {
    assert.ok(!existsSync(file), `${file} is left`);
  }
}

test(
  `${RUNS} runs of one droplet started at once (${ROUNDS} rounds): one runs, every other exits 1 naming it`,
  { timeout: 300_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'claims-run');
    killMarkedAfter(t, dir);
    for (let round = 0; round < ROUNDS; round++) {
      const droplet = makeInstanceDroplet(dir, `droplet-${round}`);
      const argv = [SHIPPED_NODE, SIDECARS_JS, ...(await runArgs(droplet, dir))];
      const together = await startTogether(t, dir, Array<string[]>(RUNS).fill(argv), {
        env: { [MARK]: dir },
      });
      await together.release();
      const { clis } = together;
      await waitFor(
        'each run to end or to run its sidecar',
        () => clis.every((cli) => hasEnded(cli) || cli.lines.includes(SIDECAR_UP)),
        120_000,
      );
      const running = clis.filter((cli) => !hasEnded(cli));
      const where = `round ${round}: ${clis.map((cli) => `pid ${cli.pid}: ${cli.stderr.join(' | ')}`).join('; ')}`;
      assert.equal(running.length, 1, `${where}: exactly one runs`);
      const winner = running[0] as RunningCli;
      for (const cli of clis) {
        assert.doesNotMatch(cli.text(), /ENOTEMPTY|rmdir/, where);
        if (cli === winner) continue;
        assert.deepEqual(await cli.exited, { code: 1, signal: null }, where);
        assert.deepEqual(cli.stderr, [
          `sidecars run: another sidecars run (pid ${winner.pid}) is running the droplet ${droplet}`,
          `Stop it first (kill ${winner.pid}), or run a copy of the droplet.`,
        ]);
        assert.deepEqual(cli.lines, [], 'a run that lost starts nothing');
      }
      winner.child.kill('SIGTERM');
      assert.deepEqual(await winner.exited, { code: 143, signal: null });
      assertDropletClean(droplet);
    }
    await assertNothingLeft(dir, [], MARK);
  },
);

/** `sidecars run` of the droplet, up to its sidecar's first line. */
async function startRun(t: TestContext, droplet: string, dir: string, extra: string[] = []) {
  const run = startCleaned(t, [...(await runArgs(droplet, dir)), ...extra], { env: { [MARK]: dir } });
  await waitFor('the sidecar to run', () => run.lines.includes(SIDECAR_UP) || hasEnded(run), 60_000);
  return run;
}

test(
  "a droplet claim left by a SIGKILLed run, or naming a pid that is now another process's, is taken over; a live one never is",
  { timeout: 120_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'claims-run-stale');
    killMarkedAfter(t, dir);
    const droplet = makeInstanceDroplet(dir, 'droplet');
    const claimFile = toRunClaimFile(droplet);
    mkdirSync(path.dirname(claimFile), { recursive: true });
    const stranger = spawn('sleep', ['1000'], { stdio: 'ignore', env: { [MARK]: dir } });
    t.after(() => stranger.kill('SIGKILL'));
    const pid = stranger.pid as number;
    const ticks = await waitFor('the stranger to run', () => readStartTicks(pid) ?? undefined);
    const claimOf = (startTicks: number) =>
      toClaimText({ pid, startTicks, bootId: readBootId(), by: 'sidecars run' }, Date.now());

    // the pid of the claim is alive, and started when the claim says: another run holds the droplet
    const liveClaim = claimOf(ticks);
    writeFileSync(claimFile, liveClaim);
    const refused = await startRun(t, droplet, dir);
    assert.deepEqual(await refused.exited, { code: 1, signal: null });
    assert.deepEqual(refused.stderr, [
      `sidecars run: another sidecars run (pid ${pid}) is running the droplet ${droplet}`,
      `Stop it first (kill ${pid}), or run a copy of the droplet.`,
    ]);
    assert.equal(readFileSync(claimFile, 'utf8'), liveClaim, 'a live claim is left be');

    // the same pid, another start time: the pid was reused, the claim is stale
    writeFileSync(claimFile, claimOf(ticks - 1));
    const first = await startRun(t, droplet, dir);
    assert.ok(first.lines.includes(SIDECAR_UP), first.text());
    assert.equal(parseClaim(readFileSync(claimFile, 'utf8'))?.pid, first.pid, 'the run holds the droplet');

    // SIGKILLed: the claim stays; the next run takes it over, and stops what the first left
    first.child.kill('SIGKILL');
    assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
    assert.equal(
      parseClaim(readFileSync(claimFile, 'utf8'))?.pid,
      first.pid,
      'a SIGKILLed run removes nothing',
    );
    const second = await startRun(t, droplet, dir, ['--kill-stale']);
    assert.ok(second.lines.includes(SIDECAR_UP), second.text());
    assert.match(
      second.stderr[0] ?? '',
      /^sidecars run: --kill-stale: stopped what the last run left running: /,
    );
    assert.equal(parseClaim(readFileSync(claimFile, 'utf8'))?.pid, second.pid);
    second.child.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 143, signal: null });
    assertDropletClean(droplet);
    assert.ok(isAlive(pid), 'the stranger was never touched');
    stranger.kill('SIGTERM');
    await assertNothingLeft(dir, [], MARK);
  },
);
