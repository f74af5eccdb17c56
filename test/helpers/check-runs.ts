// What the runs of fixtures/procs/check-leaves-daemons.sh left alive: each run's processes carry
// MARK=<mark>.<the run's pid>, and the run appends its pid to <dir>/runs.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { proc } from './exec-fixture.js';
import { isAlive } from './pids.js';
import { waitFor } from './wait-for.js';

/** What a run of the fixture leaves alive once it has started everything: six, and itself. */
export const PROCESSES_PER_RUN = 7;

/** The check's command: every process it starts carries MARK=<mark>.<its pid>. */
export function toLeaverCommand(dir: string, mark: string, args = ''): string {
  return `MARK=${mark} CHECK_DIR=${dir} ${proc('check-leaves-daemons.sh')} ${args}`.trim();
}

/** The runs so far, oldest first (their pids). */
export function readRuns(dir: string): number[] {
  try {
    return readFileSync(`${dir}/runs`, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Every live process a run of the check started, by run pid (its own pid included). */
export function readLiveRunPids(mark: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue; // gone meanwhile
    }
    const value = environ
      .split('\0')
      .find((v) => v.startsWith(`MARK=${mark}.`) || v === `MARK=${mark}`)
      ?.slice(`MARK=${mark}.`.length);
    if (value === undefined || !isAlive(Number(entry))) continue;
    // the check itself carries MARK=<mark> (it exports the rest): its run is its own pid
    const run = value === '' ? Number(entry) : Number(value);
    out.set(run, [...(out.get(run) ?? []), Number(entry)]);
  }
  return out;
}

/** SIGKILL, for a cleanup: one that has gone meanwhile is no error. */
export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

export function countLive(mark: string): number {
  return [...readLiveRunPids(mark).values()].reduce((sum, pids) => sum + pids.length, 0);
}

/**
 * Waits until the check has run `runs` times, sampling how many of its processes live at once;
 * returns the most seen.
 */
export async function watchRuns(dir: string, mark: string, runs: number, timeoutMs: number): Promise<number> {
  let most = 0;
  const deadline = Date.now() + timeoutMs;
  while (readRuns(dir).length < runs) {
    if (Date.now() > deadline) throw new Error(`the check ran ${readRuns(dir).length} times, not ${runs}`);
    most = Math.max(most, countLive(mark));
    await sleep(50);
  }
  return most;
}

/**
 * A check that left nothing in its process group has what left it killed by the next sweep (once
 * a second, with a memory poll): this long at most, on a busy machine.
 */
export const NEXT_SWEEP_MS = 3_000;

/**
 * Every run but the last `running` has ended: nothing it started is alive, after a bounded moment
 * (the runs of one check come one after the other).
 */
export async function assertEndedRunsGone(
  dir: string,
  mark: string,
  running = 1,
  momentMs = 1_000,
): Promise<void> {
  const runs = readRuns(dir);
  const ended = new Set(running === 0 ? runs : runs.slice(0, -running));
  const left = (): number[] =>
    [...readLiveRunPids(mark)].filter(([run]) => ended.has(run)).flatMap(([, pids]) => pids);
  await waitFor('the processes of the ended runs to be gone', () => left().length === 0, momentMs).catch(
    () => undefined,
  );
  assert.deepEqual(left(), [], `nothing started by the ${ended.size} ended run(s) of the check is alive`);
}

/** After the supervisor: nothing any run started is alive (survivors are killed after the assertion is built). */
export async function assertNoRunLeft(mark: string): Promise<void> {
  const all = (): number[] => [...readLiveRunPids(mark).values()].flat();
  await waitFor('every process of the check to be gone', () => all().length === 0, 5_000).catch(
    () => undefined,
  );
  const survivors = all();
  for (const pid of survivors) killQuietly(pid);
  assert.deepEqual(survivors, [], 'nothing a check started outlives the supervisor');
}
