// The escape sweep's check tokens on real processes: a check's end kills whatever carries its
// token, read pid by pid or by sweeps of /proc; a later sweep kills what is born with the token of
// a check that has ended, and leaves running checks and the commands' trees alone; what ran before
// the sweep was made is never read.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { createEscapeSweep } from '../../src/supervisor/proc/escape-sweep.js';
import { TREE_TOKEN_VAR } from '../../src/supervisor/proc/tree-tokens.js';
import { assertNoRunLeft, killQuietly, readLiveRunPids, toLeaverCommand } from '../helpers/check-runs.js';
import { makeScratch } from '../helpers/exec-fixture.js';
import { isAlive } from '../helpers/pids.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };

/** Runs `command` as a check does (its own group, the env given) until it exits; its pid. */
async function runToExit(command: string, env: Readonly<Record<string, string>>): Promise<number> {
  const child = spawn('bash', ['-c', command], { env, detached: true, stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // nothing left in it
  }
}

for (const [how, maxProbedPids] of [
  ['reading the new pids one by one', 100_000],
  ['sweeping /proc (too many new pids to read one by one)', 0],
] as const) {
  test(`a check's end kills every process that carries its token, ${how}`, TIMEOUT, async (t) => {
    const { dir } = await makeScratch(t, 'sweep-end');
    const mark = path.basename(dir);
    const sweep = createEscapeSweep(`test.${mark}`, true, maxProbedPids);
    const base = { PATH: process.env['PATH'] ?? '' };
    const check = sweep.openCheck(base);
    const pid = await runToExit(toLeaverCommand(dir, mark), check.env);
    // what it started records nothing once it has exited: wait for its last process to be born
    await waitFor('the check to have started everything', () =>
      [...readLiveRunPids(mark).values()].some((pids) => pids.length >= 6),
    );
    killGroup(pid);
    check.end(pid);
    await assertNoRunLeft(mark);
  });
}

test(
  "a later sweep kills what carries an ended check's token, and leaves a running check's and a command's",
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'sweep-late');
    const mark = path.basename(dir);
    const sweep = createEscapeSweep(`test.${mark}`, true);
    const base = { PATH: process.env['PATH'] ?? '', MARK: mark };
    const adopted: number[] = [];
    const commandEnv = sweep.tagEnv('agent', base);
    sweep.track('agent', { adopt: (pid) => adopted.push(pid) });
    const ended = sweep.openCheck(base);
    const running = sweep.openCheck(base);
    const pid = await runToExit('exit 0', ended.env);
    ended.end(pid);
    const start = (env: Readonly<Record<string, string>>) => {
      const child = spawn('sleep', ['1000'], { env, detached: true, stdio: 'ignore' });
      t.after(() => child.kill('SIGKILL'));
      return child.pid as number;
    };
    const late = start(ended.env);
    const live = start(running.env);
    const command = start(commandEnv);
    await waitFor('the three to run sleep', () =>
      [late, live, command].every((p) => path.basename(readlinkSafe(p) ?? '') === 'sleep'),
    );
    sweep.findEscaped();
    await waitFor('the late one to be killed', () => !isAlive(late), 2_000);
    assert.ok(isAlive(live), "a running check's process is left to its end");
    assert.ok(isAlive(command), "a command's process is left to its tree");
    assert.deepEqual(adopted, [command], "the command's tree adopts it");
    running.end(null); // what a sweep found while it ran dies with it
    assert.equal(sweep.killAll().includes(command), true, 'the last kill takes every token of ours');
    await waitFor('all to be gone', () => !isAlive(live) && !isAlive(command), 2_000);
  },
);

test(
  'the last kill takes the children forked while it ran: a command that keeps forking leaves nothing',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'sweep-forking');
    const mark = path.basename(dir);
    const sweep = createEscapeSweep(`test.${mark}`, true);
    // each round: a subshell that forks a sleep and exits (the sleep is reparented), nothing waits
    const env = sweep.tagEnv('forker', { PATH: process.env['PATH'] ?? '', MARK: mark });
    const forker = spawn('bash', ['-c', 'while :; do (MARK=$MARK.1 sleep 1000 &) ; done'], {
      env,
      detached: true,
      stdio: 'ignore',
    });
    t.after(() => {
      for (const pid of [...readLiveRunPids(mark).values()].flat()) killQuietly(pid);
      killGroup(forker.pid as number);
    });
    await waitFor(
      'the forker to have forked a few',
      () => [...readLiveRunPids(mark).values()].flat().length >= 20,
    );
    // the last kill, as at exit: synchronous, one call
    assert.ok(sweep.killAll().includes(forker.pid as number), 'the forker itself is killed');
    await assertNoRunLeft(mark);
  },
);

function readlinkSafe(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

test(
  'what ran before the sweep was made is never read: not even a process that shows its token',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'sweep-before');
    const mark = path.basename(dir);
    const id = `test.${mark}`;
    const base = { PATH: process.env['PATH'] ?? '', MARK: mark };
    const start = (env: Readonly<Record<string, string>>) => {
      const child = spawn('sleep', ['1000'], { env, detached: true, stdio: 'ignore' });
      t.after(() => child.kill('SIGKILL'));
      return child.pid as number;
    };
    // the token the sweep's first command will be given, shown by a process that was there before
    const before = start({ ...base, [TREE_TOKEN_VAR]: `${id}:0` });
    await waitFor('it to run sleep', () => path.basename(readlinkSafe(before) ?? '') === 'sleep');
    const sweep = createEscapeSweep(id, true);
    const adopted: number[] = [];
    const commandEnv = sweep.tagEnv('agent', base);
    assert.equal(commandEnv[TREE_TOKEN_VAR], `${id}:0`);
    sweep.track('agent', { adopt: (pid) => adopted.push(pid) });
    const command = start(commandEnv);
    await waitFor('the command to run sleep', () => path.basename(readlinkSafe(command) ?? '') === 'sleep');
    sweep.findEscaped();
    assert.deepEqual(adopted, [command], 'only what was born after the sweep was made is adopted');
    assert.deepEqual(sweep.killAll(), [command], 'the last kill takes only what is ours');
    await waitFor('the command to be gone', () => !isAlive(command), 2_000);
    assert.ok(isAlive(before), 'what ran before is left alone');
  },
);
