// The sweep's view of /proc: every process it listed last time, and the token of ours each one
// carries. Each listing reads the environment only of the processes it had not listed before.
import { readdirSync } from 'node:fs';

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

/**
 * The listing of supervisor `id`. A process listed both times is taken to be the same process: a
 * pid is reused only after the kernel has gone round them all.
 */
export function createTokenListing(id: string): TokenListing {
  let known = new Map<number, number | null>();
  /** pids whose environment could not be read, and how many listings tried: read again, a few times */
  let unread = new Map<number, number>();
  return {
    listNew() {
      let entries: string[];
      try {
        entries = readdirSync(PROC);
      } catch {
        return [];
      }
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
