// The sweep's view of /proc: every process it listed last time, and the token of ours each one
// carries. Each listing reads the environment only of the processes it had not listed before, and
// a listing with no process born since the last one (ns_last_pid has not moved) lists nothing.
import { readdirSync } from 'node:fs';

import { readLastPid } from './last-pid.js';
import { PROC } from './process-table.js';
import { readTreeToken } from './tree-tokens.js';

export interface TokenListing {
  /** Lists /proc; returns the processes first listed now that carry a token of ours. */
  listNew(): Array<[pid: number, n: number]>;
  /** every pid of the last listing, and the token it carried when first listed (null: none of ours) */
  readonly known: ReadonlyMap<number, number | null>;
  /** how many of the last listing's processes could not be read yet (the next listing tries again) */
  readonly unsettled: number;
}

/** Listings that read again a process whose environment could not be read (a zombie stays so). */
const MAX_UNREAD_TRIES = 3;

/** Every pid in /proc now, none of ours: what runs before a supervisor has given out its token. */
function listOthers(): Map<number, number | null> {
  const others = new Map<number, number | null>();
  try {
    for (const entry of readdirSync(PROC)) {
      const pid = Number(entry);
      if (Number.isInteger(pid)) others.set(pid, null);
    }
  } catch {
    // no /proc listing: the first listNew reads everything, as it would have
  }
  return others;
}

/**
 * The listing of supervisor `id`. A process listed both times is taken to be the same process: a
 * pid is reused only after the kernel has gone round them all. Create it before anything carries
 * the token: what runs then is listed at once without reading it (a process is born with its
 * token, never given one later), so that no later listing reads the environment of every process
 * of the machine — the first one would come with a stop, on its way to the exit code (about 0.2 ms
 * a process on a small VM: ~7 ms with 35 processes).
 */
export function createTokenListing(id: string): TokenListing {
  /** ns_last_pid when the last listing began (read before it): while it stays, no process was born */
  let listedAt = readLastPid();
  let known = listOthers();
  /** pids whose environment could not be read, and how many listings tried: read again, a few times */
  let unread = new Map<number, number>();
  return {
    listNew() {
      const lastPid = readLastPid();
      // nobody born since the last listing, and nothing to read again: it would list the same
      if (lastPid !== null && lastPid === listedAt && unread.size === 0) return [];
      let entries: string[];
      try {
        entries = readdirSync(PROC);
      } catch {
        return [];
      }
      listedAt = lastPid;
      const listed = new Map<number, number | null>();
      const stillUnread = new Map<number, number>();
      const found: Array<[number, number]> = [];
      for (const entry of entries) {
        const pid = Number(entry);
        if (!Number.isInteger(pid) || pid === process.pid) continue;
        let n = known.get(pid);
        const tries = unread.get(pid) ?? 0;
        if (n === undefined || (n === null && tries > 0)) {
          const read = readTreeToken(pid, id);
          // mid-exec, a new process shows an empty environment: not settled until a later read
          if (read === undefined && tries < MAX_UNREAD_TRIES) stillUnread.set(pid, tries + 1);
          n = read ?? null;
          if (n !== null) found.push([pid, n]);
        }
        listed.set(pid, n);
      }
      known = listed;
      unread = stillUnread;
      return found;
    },
    get known() {
      return known;
    },
    get unsettled() {
      return unread.size;
    },
  };
}
