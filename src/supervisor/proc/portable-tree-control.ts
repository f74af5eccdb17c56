// One command's tree on the portable path: read from `ps` listings, measured with pidusage,
// stopped with tree-kill plus signals to every group and pid the listings showed. The same staged
// stop as the /proc path (kill-tree.ts): SIGTERM to the tree, SIGKILL to whatever is left after
// the grace period, `onForce` first.
import type { Clock } from '../../common/clock.js';
import type { TreeControl } from '../core/process-deps.js';
import type { TreeSample } from '../model/tree-sample.js';
import type { SignalTreeWalk } from './portable-kill.js';
import type { ReadRss } from './portable-memory.js';
import { openPortableTreeReader, type PortableRead } from './portable-tree-reader.js';
import type { PsTable } from './ps-listing.js';
import {
  createTreeTracker,
  exists,
  isTreeAlive,
  learnTree,
  sendSignal,
  signalKnown,
} from './tree-tracker.js';
import { KILL_SETTLE_MS, waitTreeGone } from './wait-tree-gone.js';

export interface PortableDeps {
  /** every process, one shared `ps` per poll */
  listing: () => Promise<PsTable>;
  /** RSS per pid, one shared pidusage call per poll */
  readRss: ReadRss;
  /** tree-kill */
  signalTreeWalk: SignalTreeWalk;
}

/** A tree on the portable path: its samples come from an asynchronous `ps`. */
export type PortableTreeControl = Omit<TreeControl, 'sample'> & { sample(): Promise<TreeSample | null> };

export function createPortableTreeControl(
  rootPid: number,
  clock: Clock,
  rootExited: Promise<unknown> | null,
  deps: PortableDeps,
): PortableTreeControl {
  const tracker = createTreeTracker(rootPid);
  const reader = openPortableTreeReader(rootPid, deps.listing);
  // while Node.js has not reaped the root, its pid is its own: tree-kill may start its walk there.
  // Once reaped, the number is free for another process, and the walk would start from that one.
  let rootReaped = rootExited === null;
  void rootExited?.then(() => (rootReaped = true));

  /** A fresh read of the tree, learnt; null when it cannot be read (what is known stays as it was). */
  const refresh = async (): Promise<PortableRead | null> => {
    try {
      const read = await reader.read();
      learnTree(tracker, read.members);
      return read;
    } catch {
      return null;
    }
  };

  /** Whether anything of the tree is alive, zombies aside (its groups' members included). Unreadable: alive. */
  const isAliveNow = async (): Promise<boolean> => {
    const read = await refresh();
    if (read === null) return true;
    for (const row of read.members.values()) if (!row.zombie) return true;
    return isTreeAlive(tracker, read.table);
  };

  /**
   * At once, a signal to every group and member known (a listing takes a `ps` run: the signal does
   * not wait for one) and tree-kill's walk from the root; then, after a fresh listing, the signal
   * to what it adds.
   */
  const signalTree = async (signal: NodeJS.Signals): Promise<{ walk: Promise<unknown> }> => {
    signalKnown(tracker, signal);
    const walk = rootReaped ? Promise.resolve(null) : deps.signalTreeWalk(rootPid, signal);
    const signalled = { groups: new Set(tracker.groups), pids: new Set(tracker.pids) };
    await refresh();
    for (const pgid of tracker.groups) if (!signalled.groups.has(pgid)) sendSignal(-pgid, signal);
    for (const pid of tracker.pids) if (!signalled.pids.has(pid)) sendSignal(pid, signal);
    return { walk };
  };

  /** The walks end on their own (a `ps` per process); a stop waits for them, at most KILL_SETTLE_MS. */
  const settle = async (walks: Promise<unknown>[]): Promise<void> => {
    const nap = new AbortController();
    await Promise.race([Promise.all(walks), clock.sleep(KILL_SETTLE_MS, nap.signal)]);
    nap.abort('settled');
  };

  return {
    async stop(graceMs, onForce, termRootOnly = false) {
      const walks: Promise<unknown>[] = [];
      if (graceMs > 0) {
        if (termRootOnly) {
          if (!rootReaped) sendSignal(rootPid, 'SIGTERM');
          await refresh(); // what a SIGKILL would have to reach
        } else {
          walks.push((await signalTree('SIGTERM')).walk);
        }
        if (await waitTreeGone(tracker, isAliveNow, graceMs, clock, rootExited)) return settle(walks);
        onForce();
      }
      walks.push((await signalTree('SIGKILL')).walk);
      await waitTreeGone(tracker, isAliveNow, KILL_SETTLE_MS, clock, rootExited);
      return settle(walks);
    },
    // synchronous (it serves 'exit'): what the last listing showed, no walk
    killNow: () => signalKnown(tracker, 'SIGKILL'),
    adopt(pid) {
      if (tracker.pids.has(pid)) return;
      reader.adopt(pid);
      tracker.pids.add(pid);
    },
    async sample(): Promise<TreeSample | null> {
      const { members } = await reader.read();
      learnTree(tracker, members);
      if (!members.has(rootPid)) return null;
      const pids = [...members.keys()];
      const rss = await deps.readRss(pids.filter((pid) => members.get(pid)?.zombie === false));
      let rssBytes = 0;
      for (const pid of pids) {
        const bytes = rss.get(pid);
        if (bytes !== undefined) rssBytes += bytes;
        // left out of the answer: gone since the listing, so it holds nothing; if it is still
        // there, the answer is incomplete, and a partial sum would be a plausible figure
        else if (members.get(pid)?.zombie === false && exists(pid)) {
          throw new Error(`pidusage gave no memory figure for pid ${pid}`);
        }
      }
      return { pids, rssBytes };
    },
  };
}
