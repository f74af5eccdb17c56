// What a `sidecars run` leaves in its droplet while it runs: <droplet>/tmp/.sidecars-run.json names
// the supervisor and each command it started, by pid and by the start time the kernel gives it
// (/proc/<pid>/stat), so that a later pid of the same number is never taken for one of them. A
// run that ends removes it; one that was SIGKILLed cannot, and the next run reads it
// (stale-run.ts). No environment value goes in: commands as written in the config, like the records.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import { readBootId, readStartTicks } from '../claim/start-time.js';
import type { Policy } from '../core/policy.js';
import { type Censor, NO_CENSOR } from '../secrets/censor.js';

export const RUN_STATE_NAME = '.sidecars-run.json';

/** One process, told apart from any later one of the same pid. */
export interface PidStamp {
  pid: number;
  /** /proc/<pid>/stat field 22: clock ticks after boot when it started */
  startTicks: number;
}

export interface RunState {
  version: 1;
  /** /proc/sys/kernel/random/boot_id: start times count from the boot */
  bootId: string;
  supervisor: PidStamp;
  processes: Array<PidStamp & { name: string; command: string }>;
}

export function toRunStateFile(dropletDir: string): string {
  return path.join(dropletDir, 'tmp', RUN_STATE_NAME);
}

/** True while the process the stamp names is alive: same pid, same start time. */
export function isSameProcess(stamp: PidStamp): boolean {
  return readStartTicks(stamp.pid) === stamp.startTicks;
}

/** The state as written; null for anything else (a file of another version, or not ours). */
export function parseRunState(text: string): RunState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const state = value as Partial<RunState> | null;
  const isStamp = (s: unknown): s is PidStamp =>
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger((s as PidStamp).pid) &&
    Number.isInteger((s as PidStamp).startTicks);
  if (state?.version !== 1 || typeof state.bootId !== 'string' || !isStamp(state.supervisor)) return null;
  if (!Array.isArray(state.processes) || !state.processes.every(isStamp)) return null;
  return state as RunState;
}

/**
 * Writes the file so that a reader sees the old state or the new one: a temp file, then a rename.
 * Synchronous, so that a command is in the file before the supervisor does anything else (it can
 * be SIGKILLed at any point); not fsynced: a power loss also ends every process it names.
 */
function writeState(file: string, state: RunState): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

export interface RunStateRecorder {
  /** adds each command to the file as it starts */
  policy: Policy;
  /** the run has ended and stopped everything: nothing is left to report */
  remove(): void;
}

/**
 * Writes the file now (the supervisor alone); null where start times cannot be read (no /proc).
 * A command's text goes in with the run's secrets masked (`censor`), as in started.json.
 */
export function startRunState(file: string, censor: Censor = NO_CENSOR): RunStateRecorder | null {
  const bootId = readBootId();
  const startTicks = readStartTicks(process.pid);
  if (bootId === null || startTicks === null) return null;
  const state: RunState = { version: 1, bootId, supervisor: { pid: process.pid, startTicks }, processes: [] };
  try {
    writeState(file, state);
  } catch (error) {
    throw new SidecarError(
      'config_unreadable',
      `cannot write ${file}: ${(error as Error).message}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  return {
    policy: {
      attach(sup) {
        return sup.bus.on((event) => {
          if (event.type !== 'process.running' || event.pid === undefined) return;
          const ticks = readStartTicks(event.pid);
          const proc = sup.processes.find((p) => p.name === event.name);
          if (ticks === null || proc === undefined) return; // gone already: it left nothing running
          const entry = {
            name: event.name,
            command: censor.text(proc.spec.record?.command ?? proc.spec.command),
            pid: event.pid,
            startTicks: ticks,
          };
          state.processes = [...state.processes.filter((p) => p.name !== event.name), entry];
          try {
            writeState(file, state);
          } catch {
            // the disk filled up since the start: the run goes on; the next one may see less
          }
        });
      },
    },
    remove: () => rmSync(file, { force: true }),
  };
}
