import type { Clock } from '../../common/clock.js';
import { toTreeSample, type TreeSample } from './memory.js';
import { type ProcessTable, readProcessTable } from './process-table.js';
import { openTreeReader, type TreeReader } from './tree-reader.js';

/**
 * What the supervisor knows of one command's tree: the pids of its members that still exist and
 * every process group ever seen under it. Each command runs in its own group (pgid = its pid), so
 * a group signal also reaches descendants that were orphaned; the members' pids reach the ones
 * that left the group.
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

/** Learns the tree from a fresh read: members that are gone are forgotten, new ones and groups added. */
export function learnTree(tracker: TreeTracker, rows: ProcessTable): void {
  for (const pid of tracker.pids) if (!rows.has(pid)) tracker.pids.delete(pid);
  for (const [pid, row] of rows) {
    tracker.pids.add(pid);
    if (row.pgid > 1) tracker.groups.add(row.pgid);
  }
}

/** A fresh read of the tree, learnt; null when it cannot be read (what is known stays as it was). */
function refresh(tracker: TreeTracker, reader: TreeReader): ProcessTable | null {
  try {
    const rows = reader.read();
    learnTree(tracker, rows);
    return rows;
  } catch {
    return null;
  }
}

function sendSignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours any more (pid reused) — either way nothing to do
  }
}

/** Signals every group and pid the tracker knows, after refreshing it from a fresh read. */
export function signalTree(tracker: TreeTracker, reader: TreeReader, signal: NodeJS.Signals): void {
  refresh(tracker, reader);
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

/**
 * Whether anything of the tree is alive, zombies aside: its members first; only when none is, and
 * a known group still has a member the tree never showed (orphaned before it was seen), a
 * snapshot of every process tells a live one from a zombie. Unreadable: counted as alive.
 */
function isAliveNow(tracker: TreeTracker, reader: TreeReader): boolean {
  const rows = refresh(tracker, reader);
  if (rows === null) return true;
  for (const row of rows.values()) if (!row.zombie) return true;
  if (![...tracker.groups].some((pgid) => exists(-pgid))) return false;
  try {
    return isTreeAlive(tracker, readProcessTable());
  } catch {
    return true;
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
 * syscall per known pid and group; only while something is still there does it read the tree (at
 * most every STOP_POLL_MS, the first time after one) to tell a live process from a zombie that
 * waits to be reaped. The root's exit (Node.js has reaped it) cuts the first wait short: a tree
 * that was only its root is then seen gone at once, not a poll later.
 */
async function waitTreeGone(
  tracker: TreeTracker,
  reader: TreeReader,
  ms: number,
  clock: Clock,
  rootExited: Promise<unknown> | null,
): Promise<boolean> {
  const startedAt = clock.now();
  let readAt = startedAt;
  let wake = rootExited;
  for (;;) {
    if (!mayBeAlive(tracker)) return true;
    if (clock.now() - readAt >= STOP_POLL_MS) {
      readAt = clock.now();
      if (!isAliveNow(tracker, reader)) return true;
    }
    const elapsed = clock.now() - startedAt;
    if (elapsed >= ms) return false;
    const pollMs = Math.min(elapsed < FAST_POLL_WINDOW_MS ? STOP_POLL_FAST_MS : STOP_POLL_MS, ms - elapsed);
    if (wake === null) {
      await clock.sleep(pollMs);
    } else {
      const nap = new AbortController();
      const slept = await Promise.race([clock.sleep(pollMs, nap.signal), wake.then(() => false)]);
      if (!slept) {
        nap.abort('woken'); // no timer left behind to hold the event loop
        wake = null;
      }
    }
  }
}

/**
 * The staged stop (s6, execa): SIGTERM to the whole tree, wait up to `graceMs`, then SIGKILL.
 * `forced` records that the escalation was needed. `graceMs` 0 means SIGKILL at once.
 */
export async function stopTree(
  tracker: TreeTracker,
  reader: TreeReader,
  graceMs: number,
  clock: Clock,
  onForce: () => void = () => undefined,
  rootExited: Promise<unknown> | null = null,
  termRootOnly = false,
): Promise<{ forced: boolean }> {
  if (graceMs > 0) {
    if (termRootOnly) {
      refresh(tracker, reader);
      sendSignal(tracker.rootPid, 'SIGTERM');
    } else {
      signalTree(tracker, reader, 'SIGTERM');
    }
    if (await waitTreeGone(tracker, reader, graceMs, clock, rootExited)) return { forced: false };
    onForce();
  }
  signalTree(tracker, reader, 'SIGKILL');
  await waitTreeGone(tracker, reader, KILL_SETTLE_MS, clock, rootExited);
  return { forced: graceMs > 0 };
}

/**
 * The real TreeControl of one spawned command (see ManagedProcess); open it right after the spawn.
 * `rootExited` settles when Node.js has reaped the root.
 */
export function createTreeControl(rootPid: number, clock: Clock, rootExited: Promise<unknown> | null = null) {
  const tracker = createTreeTracker(rootPid);
  const reader = openTreeReader(rootPid);
  return {
    stop: async (graceMs: number, onForce: () => void, termRootOnly = false): Promise<void> => {
      await stopTree(tracker, reader, graceMs, clock, onForce, rootExited, termRootOnly);
    },
    killNow: (): void => signalTree(tracker, reader, 'SIGKILL'),
    adopt: (pid: number): void => {
      if (tracker.pids.has(pid)) return;
      reader.adopt(pid);
      tracker.pids.add(pid);
    },
    sample: (): TreeSample | null => {
      const rows = reader.read();
      learnTree(tracker, rows);
      return toTreeSample(rows, rootPid);
    },
  };
}
