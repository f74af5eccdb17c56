import { existsSync } from 'node:fs';

import { type ChildrenIndex, listDescendants, toChildrenIndex } from './memory.js';
import type { ProcessRow } from './proc-stat.js';
import { openProcTreeReader, type ProcTreeReader } from './proc-tree-reader.js';
import { PROC, type ProcessTable, readProcessTable } from './process-table.js';

/** Reads one command's tree: its root and every descendant seen so far that still exists. */
export type TreeReader = ProcTreeReader;

let hasChildrenFiles: boolean | undefined;

/**
 * The tree reader for this system: /proc's children files through held file descriptors where
 * the kernel has them (CONFIG_PROC_CHILDREN, as Cloud Foundry's stemcells do), else a walk over
 * a snapshot of every process (/proc without children files, or `ps` where there is no /proc).
 */
export function openTreeReader(rootPid: number): TreeReader {
  hasChildrenFiles ??= existsSync(`${PROC}/self/task/${process.pid}/children`);
  return hasChildrenFiles ? openProcTreeReader(rootPid) : openSnapshotTreeReader(rootPid);
}

/** How long one whole-table snapshot serves: a memory poll or a shutdown reads every tree at once. */
export const SNAPSHOT_REUSE_MS = 5;

export interface Snapshot {
  table: ProcessTable;
  children: ChildrenIndex;
}

let shared: (Snapshot & { at: number }) | null = null;

function sharedSnapshot(): Snapshot {
  const now = performance.now();
  if (shared === null || now - shared.at > SNAPSHOT_REUSE_MS) {
    const table = readProcessTable();
    shared = { at: now, table, children: toChildrenIndex(table) };
  }
  return shared;
}

/** The fallback reader: the same answers as the /proc one, from whole-table snapshots. */
export function openSnapshotTreeReader(rootPid: number, snapshot = sharedSnapshot): TreeReader {
  const seen = new Set([rootPid]);
  return {
    adopt: (pid) => void seen.add(pid),
    read() {
      const { table, children } = snapshot();
      for (const pid of [...seen])
        for (const descendant of listDescendants(children, pid)) seen.add(descendant);
      const rows = new Map<number, ProcessRow>();
      for (const pid of seen) {
        const row = table.get(pid);
        if (row === undefined) seen.delete(pid);
        else rows.set(pid, row);
      }
      return rows;
    },
  };
}
