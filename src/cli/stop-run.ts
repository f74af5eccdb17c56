// Stopping a detached run (`sidecars stop`, and `run --detach --wait` when it gives up): SIGTERM
// to the run, then its finished.json; after the timeout, SIGKILL to the run and every process of
// its tree, so that nothing outlives it. A run that is gone without a finished.json (SIGKILLed):
// what it left running is stopped, found by its run state (stale-run.ts) as the next run would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { readStartTicks } from '../supervisor/claim/start-time.js';
import { type DetachedRun, isDetachedRunAlive } from '../supervisor/droplet/detached-run.js';
import { toRunStateFile } from '../supervisor/droplet/run-state.js';
import { findStaleRun, stopLeft } from '../supervisor/droplet/stale-run.js';
import { listDescendants, toChildrenIndex } from '../supervisor/proc/memory.js';
import { readProcessTable } from '../supervisor/proc/process-table.js';
import { FINISHED_FILE } from '../supervisor/records/records.js';
import { parseRunEnd, type RunEnd, type StopResult } from './stop-verdict.js';

const POLL_MS = 100;
/** after SIGKILL, how long the kernel may take to end them */
const KILL_SETTLE_MS = 5_000;
/** the grace period for what a SIGKILLed run left: it had its chance */
const LEFT_GRACE_MS = 2_000;

export function readRunEnd(recordsDir: string): RunEnd | null {
  try {
    return parseRunEnd(readFileSync(path.join(recordsDir, FINISHED_FILE), 'utf8'));
  } catch {
    return null;
  }
}

interface Stamp {
  pid: number;
  startTicks: number;
}

/** The run's process and every descendant, with the groups they lead, as they are now. */
function snapshotTree(rootPid: number): Stamp[] {
  const table = readProcessTable();
  const tree = [rootPid, ...listDescendants(toChildrenIndex(table), rootPid)];
  const groups = new Set(tree);
  const members = [...table].filter(([, row]) => groups.has(row.pgid) && !row.zombie).map(([pid]) => pid);
  const stamps: Stamp[] = [];
  for (const pid of new Set([...tree, ...members])) {
    const startTicks = readStartTicks(pid);
    if (startTicks !== null) stamps.push({ pid, startTicks });
  }
  return stamps;
}

const isAlive = (s: Stamp): boolean => readStartTicks(s.pid) === s.startTicks;

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone meanwhile
  }
}

/** What a run that is gone left running (its commands, their trees): stopped; their pids. */
async function stopWhatIsLeft(dropletDir: string): Promise<number[]> {
  const stale = findStaleRun(toRunStateFile(dropletDir));
  if (stale.kind !== 'left') return [];
  await stopLeft(stale.processes, LEFT_GRACE_MS);
  return stale.processes.map((p) => p.pid);
}

async function killTree(dropletDir: string, run: DetachedRun): Promise<number[]> {
  const stamps = snapshotTree(run.pid);
  kill(run.pid, 'SIGKILL'); // first: it starts nothing more
  for (const stamp of stamps) if (isAlive(stamp)) kill(stamp.pid, 'SIGKILL');
  const left = await stopWhatIsLeft(dropletDir);
  const deadline = Date.now() + KILL_SETTLE_MS;
  while (stamps.some(isAlive) && Date.now() < deadline) await sleep(POLL_MS);
  return [...new Set([...stamps.map((s) => s.pid), ...left])];
}

/** Stops the detached run; how it ended. */
export async function stopDetachedRun(
  dropletDir: string,
  run: DetachedRun,
  timeoutMs: number,
): Promise<StopResult> {
  if (!isDetachedRunAlive(run)) return await toGoneResult(dropletDir, run, true);
  kill(run.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isDetachedRunAlive(run)) {
    if (Date.now() >= deadline) {
      const killed = await killTree(dropletDir, run);
      return { kind: 'killed', pid: run.pid, timeoutS: timeoutMs / 1000, killed };
    }
    await sleep(POLL_MS);
  }
  return await toGoneResult(dropletDir, run, false);
}

/** A run whose process is gone: how its records say it ended, or (none) what it left, stopped. */
async function toGoneResult(dropletDir: string, run: DetachedRun, already: boolean): Promise<StopResult> {
  const end = readRunEnd(run.recordsDir);
  if (end !== null) return { kind: 'ended', end, already };
  return {
    kind: 'vanished',
    pid: run.pid,
    recordsDir: run.recordsDir,
    stopped: await stopWhatIsLeft(dropletDir),
  };
}
