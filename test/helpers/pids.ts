import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

import { listDescendants, toChildrenIndex } from '../../src/supervisor/proc/memory.js';
import { readProcessTable } from '../../src/supervisor/proc/process-table.js';
import { waitFor } from './wait-for.js';

/** True if `pid` exists and is not a zombie (a zombie has already ended). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** The pids a fixture recorded, one per line, in a PIDS_FILE. */
export function readPids(file: string): number[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

export function alivePids(pids: readonly number[]): number[] {
  return pids.filter((pid) => isAlive(pid));
}

/** Every live descendant of `pid` right now (children, grandchildren, …), from /proc. */
export function descendantPids(pid: number): number[] {
  const table = readProcessTable();
  return listDescendants(toChildrenIndex(table), pid);
}

/**
 * Every live process whose environment holds `key=value`: a marker a test puts in the environment
 * of what it starts finds every descendant, however deep and whoever its parent is now.
 */
export function pidsWithEnv(key: string, value: string): number[] {
  const wanted = `${key}=${value}`;
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(wanted)) {
        if (isAlive(Number(entry))) out.push(Number(entry));
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return out;
}

/**
 * The last assertion of a test: nothing it started is alive, found by the `key=mark` its processes
 * carry in their environment (however they detached) and by `pids`. Survivors are SIGKILLed after
 * the failed assertion is built, so they never leak into the next test.
 */
export async function assertNothingLeft(
  mark: string,
  pids: readonly number[] = [],
  key = 'MARK',
): Promise<void> {
  const left = (): number[] => [...pidsWithEnv(key, mark), ...alivePids(pids)];
  await waitFor('every process the test started to be gone', () => left().length === 0, 5_000).catch(
    () => undefined,
  );
  const survivors = left();
  for (const pid of survivors) process.kill(pid, 'SIGKILL');
  assert.deepEqual(survivors, [], 'no process outlives the supervisor');
}
