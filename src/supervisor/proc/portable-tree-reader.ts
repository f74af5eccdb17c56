import { type ChildrenIndex, listDescendants, toChildrenIndex } from './memory.js';
import type { PsRow, PsTable } from './ps-listing.js';

/** One read of a tree on the portable path: its members (the root first) and the listing they came from. */
export interface PortableRead {
  /** the root, while it exists, and every descendant seen so far that still exists (zombies too) */
  members: Map<number, PsRow>;
  /** every process of the listing: a group's members the tree never showed are found there */
  table: PsTable;
}

export interface PortableTreeReader {
  /** Reads the tree from a listing of every process; rejects when the listing fails. */
  read(): Promise<PortableRead>;
  /** reads `pid` as a member from now on, wherever it is in the process tree now */
  adopt(pid: number): void;
}

/** One children index per listing, however many trees walk it. */
const indexes = new WeakMap<PsTable, ChildrenIndex>();

function childrenOf(table: PsTable): ChildrenIndex {
  let index = indexes.get(table);
  if (index === undefined) {
    index = toChildrenIndex(table);
    indexes.set(table, index);
  }
  return index;
}

/**
 * The /proc reader's answers from listings of every process: a descendant seen once stays a member
 * once orphaned, until it is gone. Without a held file to bind a member to its process, each one
 * is known by its start time: a member whose pid shows another start is another process that took
 * the number, and is dropped (a start within the same second as the member's end is not told
 * apart: the pid space would have to wrap around within that second).
 */
export function openPortableTreeReader(rootPid: number, listing: () => Promise<PsTable>): PortableTreeReader {
  /** member pid → its start as first listed (null: adopted, not listed yet) */
  const members = new Map<number, string | null>([[rootPid, null]]);
  return {
    adopt(pid) {
      if (!members.has(pid)) members.set(pid, null);
    },
    async read() {
      const table = await listing();
      for (const [pid, startedAt] of members) {
        const row = table.get(pid);
        if (row === undefined || (startedAt !== null && row.startedAt !== startedAt)) members.delete(pid);
        else if (startedAt === null) members.set(pid, row.startedAt);
      }
      const children = childrenOf(table);
      for (const pid of [...members.keys()]) {
        for (const descendant of listDescendants(children, pid)) {
          if (members.has(descendant)) continue;
          const row = table.get(descendant);
          if (row !== undefined) members.set(descendant, row.startedAt);
        }
      }
      const rows = new Map<number, PsRow>();
      for (const pid of members.keys()) {
        const row = table.get(pid);
        if (row !== undefined) rows.set(pid, row);
      }
      return { members: rows, table };
    },
  };
}
