// Issue 18, item 6: two supervisors of one launch.yml entry with one TMPDIR must never both take
// the default socket. Before, both could: the loser removed the winner's socket file and listened
// on a path no one could reach (`sidecars status`, `wait` and `restart` never found the winner
// again), or found the path and the fallback taken and ran without an API. Now the socket's path
// is claimed first (.<name>.lock beside it): exactly one holds it, every other listens on
// <entry>.<pid>.sock beside it and says why, and `sidecars status` lists them all.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import { toFallbackSocketDir, toSocketLock } from '../../src/supervisor/api/status-address.js';
import { toClaimText } from '../../src/supervisor/claim/claim-holder.js';
import { readBootId, readStartTicks } from '../../src/supervisor/claim/start-time.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { assertNothingLeft, descendantPids, pidsWithEnv } from '../helpers/pids.js';
import { readEvents, type RunningCli, SIDECARS_JS, startSidecars } from '../helpers/run-sidecars.js';
import { startStatus } from '../helpers/run-status.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { startTogether } from '../helpers/start-together.js';
import { listeningUnixPaths } from '../helpers/unix-listeners.js';
import { waitFor } from '../helpers/wait-for.js';

const MARK = 'SIDECARS_TEST_MARK';

/** Whatever a failed assertion leaves, by pid: every process the test started carries the mark. */
function killMarkedAfter(t: TestContext, dir: string): void {
  t.after(() => {
    for (const pid of pidsWithEnv(MARK, dir)) process.kill(pid, 'SIGKILL');
  });
}
const UID = process.getuid?.() ?? 0;
const EXECS = 8;
const ROUNDS = 3;
const CONFIG = runtimeConfig(
  [{ name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] }],
  { web: healthCheck({ type: 'process' }) },
);

interface Listed {
  address: string;
  pid: number | undefined;
}

/** Its `status.listening` (or `status.unavailable`) event, once it has logged one. */
function statusEvent(cli: RunningCli): Record<string, unknown> | undefined {
  return readEvents(cli.lines).find(
    (e) => e['event'] === 'status.listening' || e['event'] === 'status.unavailable',
  );
}

/** `sidecars status --json` with this TMPDIR: each supervisor's address and pid. */
async function listSupervisors(tmpDir: string): Promise<{ pid: number; listed: Listed[] }> {
  const status = startStatus(['--json'], { TMPDIR: tmpDir });
  assert.equal(await status.exited, 0, status.stderr.join('\n'));
  const body = JSON.parse(status.stdout.join('\n')) as { supervisors: Listed[] };
  return { pid: status.pid, listed: body.supervisors.map(({ address, pid }) => ({ address, pid })) };
}

/** A TMPDIR for one round; the fallback dir an exec may take for it is removed after the test. */
function makeTmpDir(t: TestContext, dir: string, name: string): string {
  const tmpDir = path.join(dir, name);
  mkdirSync(tmpDir);
  t.after(() => rmSync(toFallbackSocketDir(tmpDir, UID), { recursive: true, force: true }));
  return tmpDir;
}

async function stopAll(clis: readonly RunningCli[]): Promise<void> {
  for (const cli of clis) cli.child.kill('SIGTERM');
  for (const cli of clis) assert.deepEqual(await cli.exited, { code: 143, signal: null }, cli.text());
}

test(
  `${EXECS} execs of one entry started at once, one TMPDIR (${ROUNDS} rounds): one holds the default socket, status lists every one at the path it listens on`,
  { timeout: 300_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'claims-exec');
    killMarkedAfter(t, dir);
    const config = writeConfig(dir, CONFIG);
    const argv = [SHIPPED_NODE, SIDECARS_JS, 'exec', '--for', 'web', '--config', config];
    const statusPids: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const tmpDir = makeTmpDir(t, dir, `tmp-${round}`);
      const sockets = path.join(tmpDir, 'sidecars');
      const together = await startTogether(t, dir, Array<string[]>(EXECS).fill(argv), {
        env: { TMPDIR: tmpDir, [MARK]: dir },
      });
      await together.release();
      const { clis } = together;
      await waitFor(
        'every exec to say where its API is',
        () => clis.every((cli) => statusEvent(cli)),
        120_000,
      );
      const events = clis.map((cli) => statusEvent(cli) ?? {});
      const where = `round ${round}: ${JSON.stringify(events)}`;
      assert.deepEqual(
        events.filter((e) => e['event'] !== 'status.listening'),
        [],
        `${where}: every exec serves its API`,
      );
      const primary = `unix:${path.join(sockets, 'sidecars-web.sock')}`;
      const holders = clis.filter((_, i) => events[i]?.['address'] === primary);
      assert.equal(holders.length, 1, `${where}: one exec holds the default socket`);
      const holder = holders[0] as RunningCli;
      clis.forEach((cli, i) => {
        if (cli === holder) return;
        assert.deepEqual(
          [events[i]?.['address'], events[i]?.['instead_of'], events[i]?.['cause']],
          [
            `unix:${path.join(sockets, `sidecars-web.${cli.pid}.sock`)}`,
            primary,
            `cannot listen on ${primary}: pid ${holder.pid} (sidecars exec) listens there`,
          ],
          where,
        );
      });

      const { pid, listed } = await listSupervisors(tmpDir);
      statusPids.push(pid);
      const byPid = (a: Listed, b: Listed): number => (a.pid ?? 0) - (b.pid ?? 0);
      assert.deepEqual(
        listed.sort(byPid),
        clis.map((cli, i): Listed => ({ address: String(events[i]?.['address']), pid: cli.pid })).sort(byPid),
        `${where}: status lists every live supervisor`,
      );
      // the kernel keeps the path each socket was bound to: it must reach that very supervisor
      for (const cli of clis) {
        const bound = listeningUnixPaths(cli.pid);
        assert.equal(bound.length, 1, `pid ${cli.pid} listens on ${bound.join(', ')}`);
        const reached = listed.find((s) => s.address === `unix:${bound[0] ?? ''}`);
        assert.equal(
          reached?.pid,
          cli.pid,
          `pid ${cli.pid} listens on ${bound[0]}, which reaches ${reached?.pid}`,
        );
      }

      await stopAll(clis);
      assert.deepEqual(readdirSync(sockets), [], 'every socket and every claim is removed at the end');
    }
    await assertNothingLeft(dir, statusPids, MARK);
  },
);

test(
  "a socket claim left by a SIGKILLed exec, or naming a pid that is now another process's, is taken over; a live one never is",
  { timeout: 120_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'claims-stale');
    killMarkedAfter(t, dir);
    const config = writeConfig(dir, CONFIG);
    const env = (tmpDir: string) => ({ TMPDIR: tmpDir, [MARK]: dir });
    const startExec = (tmpDir: string): RunningCli => {
      const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: env(tmpDir) });
      t.after(() => cli.child.kill('SIGKILL'));
      return cli;
    };
    const listening = (cli: RunningCli) =>
      waitFor(
        'its state API',
        () => {
          const event = statusEvent(cli);
          return event === undefined ? undefined : [event['address'], event['cause']];
        },
        60_000,
      );
    const statusPids: number[] = [];

    // the holder of the default socket is SIGKILLed: its socket file and its claim stay behind
    const tmpDir = makeTmpDir(t, dir, 'tmp');
    const primary = path.join(tmpDir, 'sidecars', 'sidecars-web.sock');
    const first = startExec(tmpDir);
    assert.deepEqual(await listening(first), [`unix:${primary}`, undefined]);
    const second = startExec(tmpDir);
    const secondSock = path.join(tmpDir, 'sidecars', `sidecars-web.${second.pid}.sock`);
    assert.deepEqual(await listening(second), [
      `unix:${secondSock}`,
      `cannot listen on unix:${primary}: pid ${first.pid} (sidecars exec) listens there`,
    ]);
    const orphans = await waitFor('its sidecar', () => {
      const pids = descendantPids(first.pid);
      return pids.length > 0 ? pids : undefined;
    });
    first.child.kill('SIGKILL');
    assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
    // what a SIGKILLed supervisor started outlives it (the platform would end the container)
    for (const orphan of orphans) process.kill(orphan, 'SIGKILL');
    assert.ok(existsSync(primary) && existsSync(toSocketLock(primary)), 'a SIGKILLed exec removes nothing');
    const afterKill = await listSupervisors(tmpDir);
    statusPids.push(afterKill.pid);
    assert.deepEqual(
      afterKill.listed,
      [{ address: `unix:${secondSock}`, pid: second.pid }],
      'only the live one',
    );
    const third = startExec(tmpDir);
    assert.deepEqual(await listening(third), [`unix:${primary}`, undefined], 'the dead claim is taken over');

    // a claim whose pid is now another process's (another start time): taken over; its own: kept
    const stranger = spawn('sleep', ['1000'], { stdio: 'ignore', env: { [MARK]: dir } });
    t.after(() => stranger.kill('SIGKILL'));
    const pid = stranger.pid as number;
    const ticks = await waitFor('the stranger to run', () => readStartTicks(pid) ?? undefined);
    const claimOf = (startTicks: number) =>
      toClaimText({ pid, startTicks, bootId: readBootId(), by: 'sidecars exec' }, Date.now());
    const reusedDir = makeTmpDir(t, dir, 'tmp-reused');
    const liveDir = makeTmpDir(t, dir, 'tmp-live');
    const execs = [];
    for (const [tmp, startTicks] of [
      [reusedDir, ticks - 1],
      [liveDir, ticks],
    ] as const) {
      mkdirSync(path.join(tmp, 'sidecars'));
      writeFileSync(toSocketLock(path.join(tmp, 'sidecars', 'sidecars-web.sock')), claimOf(startTicks));
      execs.push(startExec(tmp));
    }
    const [reused, live] = execs as [RunningCli, RunningCli];
    assert.deepEqual(await listening(reused), [`unix:${reusedDir}/sidecars/sidecars-web.sock`, undefined]);
    assert.deepEqual(await listening(live), [
      `unix:${liveDir}/sidecars/sidecars-web.${live.pid}.sock`,
      `cannot listen on unix:${liveDir}/sidecars/sidecars-web.sock: pid ${pid} (sidecars exec) listens there`,
    ]);

    await stopAll([second, third, reused, live]);
    stranger.kill('SIGTERM');
    await assertNothingLeft(dir, statusPids, MARK);
  },
);
