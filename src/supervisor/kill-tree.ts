import type { Clock } from '../common/clock.js';
import {
  type ChildrenIndex,
  listDescendants,
  toChildrenIndex,
  toTreeSample,
  type TreeSample,
} from './memory.js';
import { type ProcessTable, readProcessTable } from './process-table.js';

/**
 * What the supervisor knows of one command's tree: every pid and process group ever seen under
 * it. Each command runs in its own group (pgid = its pid), so a group signal also reaches
 * descendants that were orphaned; pids and groups seen earlier reach the ones that left the group.
 */
export interface TreeTracker {
  readonly rootPid: number;
  readonly pids: Set<number>;
  readonly groups: Set<number>;
}

/** How often a stopping tree is checked: fast at first (most trees die at once), then slower. */
export const STOP_POLL_FAST_MS = 2;
export const STOP_POLL_MS = 25;
const FAST_POLL_WINDOW_MS = 100;
/** after SIGKILL, how long to wait for the kernel to finish the tree before giving up */
export const KILL_SETTLE_MS = 2_000;

export function createTreeTracker(rootPid: number): TreeTracker {
  return { rootPid, pids: new Set([rootPid]), groups: new Set([rootPid]) };
}

/** Adds the root's current descendants (and their groups) to what the tracker knows. */
export function trackTree(
  tracker: TreeTracker,
  table: ProcessTable,
  children = toChildrenIndex(table),
): void {
  if (table.has(tracker.rootPid)) trackPids(tracker, table, listDescendants(children, tracker.rootPid));
}

function trackPids(tracker: TreeTracker, table: ProcessTable, pids: readonly number[]): void {
  for (const pid of pids) {
    tracker.pids.add(pid);
    const pgid = table.get(pid)?.pgid;
    if (pgid !== undefined && pgid > 1) tracker.groups.add(pgid);
  }
}

function sendSignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours any more (pid reused) — either way nothing to do
  }
}

/** Signals every group and pid the tracker knows, after refreshing it from a fresh snapshot. */
export function signalTree(tracker: TreeTracker, signal: NodeJS.Signals, table = safeTable()): void {
  if (table !== null) trackTree(tracker, table);
  for (const pgid of tracker.groups) sendSignal(-pgid, signal);
  for (const pid of tracker.pids) sendSignal(pid, signal);
}

/** True while any known pid, or any member of a known group, is alive (zombies do not count). */
export function isTreeAlive(tracker: TreeTracker, table: ProcessTable): boolean {
  for (const [pid, row] of table) {
    if (row.zombie) continue;
    if (tracker.pids.has(pid) || tracker.groups.has(row.pgid)) return true;
  }
  return false;
}

function safeTable(): ProcessTable | null {
  try {
    return readProcessTable();
  } catch {
    return null;
  }
}

/** kill(target, 0): whether the pid (or, negative, any member of the group) exists; zombies too. */
function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // there, but not ours
  }
}

/** True while any known group has a member or any known pid exists, zombies included: no /proc scan. */
export function mayBeAlive(tracker: TreeTracker, probe: (target: number) => boolean = exists): boolean {
  for (const pgid of tracker.groups) if (probe(-pgid)) return true;
  for (const pid of tracker.pids) if (probe(pid)) return true;
  return false;
}

/**
 * Waits until the tree is gone. Each poll first asks the kernel with kill(…, 0), which costs a
 * syscall per known pid and group; only while something is still there does it read /proc (at
 * most every STOP_POLL_MS) to tell a live process from a zombie that waits to be reaped.
 */
async function waitTreeGone(tracker: TreeTracker, ms: number, clock: Clock): Promise<boolean> {
  const startedAt = clock.now();
  let scannedAt = -Infinity;
  for (;;) {
    if (!mayBeAlive(tracker)) return true;
    if (clock.now() - scannedAt >= STOP_POLL_MS) {
      scannedAt = clock.now();
      const table = safeTable();
      if (table !== null && !isTreeAlive(tracker, table)) return true;
    }
    const elapsed = clock.now() - startedAt;
    if (elapsed >= ms) return false;
    const pollMs = elapsed < FAST_POLL_WINDOW_MS ? STOP_POLL_FAST_MS : STOP_POLL_MS;
    await clock.sleep(Math.min(pollMs, ms - elapsed));
  }
}

/**
 * The staged stop (s6, execa): SIGTERM to the whole tree, wait up to `graceMs`, then SIGKILL.
 * `forced` records that the escalation was needed. `graceMs` 0 means SIGKILL at once.
 */
export async function stopTree(
  tracker: TreeTracker,
  graceMs: number,
  clock: Clock,
  onForce: () => void = () => undefined,
): Promise<{ forced: boolean }> {
  if (graceMs > 0) {
    signalTree(tracker, 'SIGTERM');
    if (await waitTreeGone(tracker, graceMs, clock)) return { forced: false };
    onForce();
  }
  signalTree(tracker, 'SIGKILL');
  await waitTreeGone(tracker, KILL_SETTLE_MS, clock);
  return { forced: graceMs > 0 };
}

/** The real TreeControl of one spawned command (see ManagedProcess). */
export function createTreeControl(rootPid: number, clock: Clock) {
  const tracker = createTreeTracker(rootPid);
  return {
    stop: async (graceMs: number, onForce: () => void): Promise<void> => {
      await stopTree(tracker, graceMs, clock, onForce);
    },
    killNow: (): void => signalTree(tracker, 'SIGKILL'),
    observe: (table: ProcessTable, children: ChildrenIndex): TreeSample | null => {
      const sample = toTreeSample(table, children, rootPid);
      if (sample !== null) trackPids(tracker, table, sample.pids);
      return sample;
    },
  };
}
