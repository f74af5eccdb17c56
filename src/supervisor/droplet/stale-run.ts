// Before `sidecars run` starts anything: did the last run of this droplet leave processes running?
// A run that was SIGKILLed could not stop its commands; they still hold the port, and the new run
// would fail later and less clearly. The last run's state file (run-state.ts) names them by pid and
// start time, so a pid the kernel has since given to another process is never reported or killed.
import { readFileSync, rmSync } from 'node:fs';

import { realClock, type Clock } from '../../common/clock.js';
import { SidecarError } from '../../common/errors.js';
import { listDescendants, toChildrenIndex } from '../proc/memory.js';
import { readProcessTable } from '../proc/process-table.js';
import { readBootId, readStartTicks } from '../claim/start-time.js';
import { type PidStamp, parseRunState, type RunState } from './run-state.js';

/** A process the last run left, and how to show it (its command as written, or its executable). */
export interface LeftProcess extends PidStamp {
  label: string;
  /** it was started as a process group of its own: signal the group too */
  leadsGroup: boolean;
}

export type StaleRun =
  | { kind: 'none' }
  | { kind: 'running'; supervisorPid: number }
  | { kind: 'left'; supervisorPid: number; processes: LeftProcess[] };

const COMMAND_SHOWN_CHARS = 100;
const STOP_POLL_MS = 25;
/** after SIGKILL, how long the kernel may take to end them */
const KILL_SETTLE_MS = 2_000;

function isAlive(p: PidStamp): boolean {
  return readStartTicks(p.pid) === p.startTicks;
}

/** The executable's name (/proc/<pid>/comm): never its arguments, which may hold a secret. */
function readComm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function toCommandText(command: string): string {
  const line = command.replace(/\s+/g, ' ').trim();
  return line.length > COMMAND_SHOWN_CHARS ? `${line.slice(0, COMMAND_SHOWN_CHARS)}…` : line;
}

/** Every live process of the last run: the commands it started, their descendants and groups. */
function findLeft(state: RunState): LeftProcess[] {
  const table = readProcessTable();
  const children = toChildrenIndex(table);
  const left = new Map<number, LeftProcess>();
  const add = (pid: number, label: string, leadsGroup = false): void => {
    const startTicks = readStartTicks(pid);
    if (startTicks !== null && !left.has(pid)) left.set(pid, { pid, startTicks, label, leadsGroup });
  };
  for (const proc of state.processes) {
    const rootTicks = readStartTicks(proc.pid);
    if (rootTicks !== null && rootTicks !== proc.startTicks) continue; // another process now
    const inTree = (pid: number): string => `${readComm(pid)}, in ${proc.name}'s tree`;
    if (rootTicks === proc.startTicks) add(proc.pid, `${proc.name}: ${toCommandText(proc.command)}`, true);
    // its group outlives it (no new process takes the number while a member is left), and so do
    // the descendants of what is left
    const roots = [
      proc.pid,
      ...[...table].filter(([, row]) => row.pgid === proc.pid && !row.zombie).map(([pid]) => pid),
    ];
    for (const root of roots) {
      if (!table.has(root)) continue;
      add(root, inTree(root));
      for (const pid of listDescendants(children, root)) add(pid, inTree(pid));
    }
  }
  return [...left.values()];
}

/**
 * What the last run left, read from its state file. A file with nothing alive behind it (a run
 * that ended, a machine rebooted since, a file that is not ours) is removed: nothing to report.
 */
export function findStaleRun(file: string): StaleRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { kind: 'none' };
  }
  const state = parseRunState(text);
  const bootId = readBootId();
  if (bootId === null) return { kind: 'none' }; // no /proc: nothing can be told apart
  if (state !== null && state.bootId === bootId && state.supervisor.pid !== process.pid) {
    if (isAlive(state.supervisor)) return { kind: 'running', supervisorPid: state.supervisor.pid };
    const processes = findLeft(state);
    if (processes.length > 0) return { kind: 'left', supervisorPid: state.supervisor.pid, processes };
  }
  rmSync(file, { force: true });
  return { kind: 'none' };
}

/** The error `run` exits with (1) when a run of the droplet is alive, or left processes alive. */
export function toStaleRunError(
  stale: Exclude<StaleRun, { kind: 'none' }>,
  dropletDir: string,
): SidecarError {
  if (stale.kind === 'running') {
    return new SidecarError(
      'usage',
      `another sidecars run (pid ${stale.supervisorPid}) is running the droplet ${dropletDir}`,
      `Stop it first (kill ${stale.supervisorPid}), or run a copy of the droplet.`,
    );
  }
  const lines = stale.processes.map((p) => `  pid ${p.pid}  ${p.label}`);
  const pids = stale.processes.map((p) => p.pid).join(' ');
  return new SidecarError(
    'usage',
    [
      `the last run of ${dropletDir} (pid ${stale.supervisorPid}) was killed before it could stop what it started; still running:`,
      ...lines,
    ].join('\n'),
    `Stop them (kill ${pids}), or run again with --kill-stale to have them stopped first (SIGTERM, then SIGKILL after the grace period).`,
  );
}

/** Sends `signal` to each process that is still the one the stamp names (and to its group). */
function signalLeft(processes: readonly LeftProcess[], signal: NodeJS.Signals): void {
  for (const p of processes) {
    if (!isAlive(p)) continue;
    try {
      if (p.leadsGroup) process.kill(-p.pid, signal);
    } catch {
      // the group is gone; the process itself may not be
    }
    try {
      process.kill(p.pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}

async function waitGone(
  processes: readonly LeftProcess[],
  timeoutMs: number,
  clock: Clock,
): Promise<boolean> {
  const deadline = clock.now() + timeoutMs;
  while (processes.some(isAlive)) {
    if (clock.now() >= deadline) return false;
    await clock.sleep(STOP_POLL_MS);
  }
  return true;
}

/** --kill-stale: SIGTERM, SIGKILL after graceMs; resolves with those still alive after that. */
export async function stopLeft(
  processes: readonly LeftProcess[],
  graceMs: number,
  clock: Clock = realClock,
): Promise<LeftProcess[]> {
  signalLeft(processes, 'SIGTERM');
  if (!(await waitGone(processes, graceMs, clock))) {
    signalLeft(processes, 'SIGKILL');
    await waitGone(processes, KILL_SETTLE_MS, clock);
  }
  return processes.filter(isAlive);
}
