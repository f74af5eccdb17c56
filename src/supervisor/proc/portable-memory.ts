// The portable path's memory figures: pidusage's RSS per pid, asked once per poll for the members of
// every tree together, so that a poll runs one `ps -p` whatever the number of sidecars.
import type pidusage from 'pidusage';

/** RSS bytes per pid; a pid missing from the answer has gone since it was listed (it holds nothing). */
export type ReadRss = (pids: readonly number[]) => Promise<ReadonlyMap<number, number>>;

type Pidusage = typeof pidusage;

/**
 * pidusage's options: `ps` on every system (pidusage's default on macOS and the BSDs; on Linux it
 * would read /proc/<pid>/stat, which this path is there to do without), and `maxage: 0`: no history.
 * pidusage keeps one only to compute CPU, which is not asked for, and would hold an entry (and on
 * Linux a file descriptor) per pid for a minute after its last sample; with none kept there is
 * nothing for `pidusage.clear()` to free when pids go away.
 */
export const PIDUSAGE_OPTIONS = { usePs: true, maxage: 0 } as const;

/** pidusage's answer for several pids → RSS bytes per pid (its `memory` is bytes). */
export function toRssByPid(
  stats: Readonly<Record<string, pidusage.Status | undefined>>,
): Map<number, number> {
  const rss = new Map<number, number>();
  for (const [key, stat] of Object.entries(stats)) {
    const pid = Number(key);
    if (stat === undefined || !Number.isInteger(pid) || !Number.isFinite(stat.memory) || stat.memory < 0)
      continue;
    rss.set(pid, stat.memory);
  }
  return rss;
}

/** pidusage says "No matching pid found" (code ENOENT) when none of the pids asked for is left. */
function isNoneLeft(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** RSS through pidusage; rejects when `ps` cannot run or fails, resolves empty when every pid has gone. */
export function createPidusageRss(usage: Pidusage): ReadRss {
  return async (pids) => {
    if (pids.length === 0) return new Map();
    try {
      // pidusage rewrites the array it is given: a copy
      return toRssByPid(await usage([...pids], PIDUSAGE_OPTIONS));
    } catch (error) {
      if (isNoneLeft(error)) return new Map();
      throw error;
    }
  };
}

/**
 * Gathers the pids asked for within one turn of the event loop (every tree of a poll asks right
 * after the same listing) into one read.
 */
export function createRssBatcher(read: ReadRss): ReadRss {
  let batch: { pids: Set<number>; answer: Promise<ReadonlyMap<number, number>> } | null = null;
  return (pids) => {
    if (batch === null) {
      const asked = new Set<number>();
      const answer = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        batch = null;
        return read([...asked]);
      });
      batch = { pids: asked, answer };
    }
    for (const pid of pids) batch.pids.add(pid);
    return batch.answer;
  };
}
