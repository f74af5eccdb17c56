// Stopping and sampling one command's tree on the /proc path (Linux with children files); the
// portable path's counterpart is portable-tree-control.ts.
import type { Clock } from '../../common/clock.js';
import { toTreeSample } from './memory.js';
import type { TreeSample } from '../model/tree-sample.js';
import { openProcTreeReader, type ProcTreeReader } from './proc-tree-reader.js';
import { type ProcessTable, readProcessTable } from './process-table.js';
import {
  createTreeTracker,
  exists,
  isTreeAlive,
  learnTree,
  sendSignal,
  signalKnown,
  type TreeTracker,
} from './tree-tracker.js';
import { KILL_SETTLE_MS, waitTreeGone } from './wait-tree-gone.js';

/** A fresh read of the tree, learnt; null when it cannot be read (what is known stays as it was). */
function refresh(tracker: TreeTracker, reader: ProcTreeReader): ProcessTable | null {
  try {
    const rows = reader.read();
    learnTree(tracker, rows);
    return rows;
  } catch {
    return null;
  }
}

/** Signals every group and pid the tracker knows, after refreshing it from a fresh read. */
export function signalTree(tracker: TreeTracker, reader: ProcTreeReader, signal: NodeJS.Signals): void {
  refresh(tracker, reader);
  signalKnown(tracker, signal);
}

/**
 * Whether anything of the tree is alive, zombies aside: its members first; only when none is, and
 * a known group still has a member the tree never showed (orphaned before it was seen), a
 * snapshot of every process tells a live one from a zombie. Unreadable: counted as alive.
 */
function isAliveNow(tracker: TreeTracker, reader: ProcTreeReader): boolean {
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

/**
 * The staged stop (s6, execa): SIGTERM to the whole tree, wait up to `graceMs`, then SIGKILL.
 * `forced` records that the escalation was needed. `graceMs` 0 means SIGKILL at once.
 */
export async function stopTree(
  tracker: TreeTracker,
  reader: ProcTreeReader,
  graceMs: number,
  clock: Clock,
  onForce: () => void = () => undefined,
  rootExited: Promise<unknown> | null = null,
  termRootOnly = false,
): Promise<{ forced: boolean }> {
  const aliveNow = (): boolean => isAliveNow(tracker, reader);
  if (graceMs > 0) {
    if (termRootOnly) {
      refresh(tracker, reader);
      sendSignal(tracker.rootPid, 'SIGTERM');
    } else {
      signalTree(tracker, reader, 'SIGTERM');
    }
    if (await waitTreeGone(tracker, aliveNow, graceMs, clock, rootExited)) return { forced: false };
    onForce();
  }
  signalTree(tracker, reader, 'SIGKILL');
  await waitTreeGone(tracker, aliveNow, KILL_SETTLE_MS, clock, rootExited);
  return { forced: graceMs > 0 };
}

/**
 * The real TreeControl of one spawned command on the /proc path (see ManagedProcess); open it
 * right after the spawn. `rootExited` settles when Node.js has reaped the root.
 */
export function createTreeControl(rootPid: number, clock: Clock, rootExited: Promise<unknown> | null = null) {
  const tracker = createTreeTracker(rootPid);
  const reader = openProcTreeReader(rootPid);
  let sampled: { rows: ProcessTable | null; sample: TreeSample | null } = { rows: null, sample: null };
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
    /**
     * read synchronously (a poll reads every tree in one turn of the event loop, with no promise);
     * the very sample of the last call when the reader says nothing ran since; throws when the
     * tree cannot be read
     */
    sample: (): TreeSample | null => {
      const rows = reader.read();
      if (rows !== sampled.rows) {
        learnTree(tracker, rows);
        sampled = { rows, sample: toTreeSample(rows, rootPid) };
      }
      return sampled.sample;
    },
  };
}
