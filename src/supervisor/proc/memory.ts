import { BYTES_PER_MB, type TreeSample } from '../model/tree-sample.js';
import type { ProcessTable } from './process-table.js';

export type ChildrenIndex = ReadonlyMap<number, readonly number[]>;

/** parent pid → child pids, built once per snapshot (of /proc, or a `ps` listing) and shared by every tree. */
export function toChildrenIndex(table: ReadonlyMap<number, { ppid: number }>): ChildrenIndex {
  const children = new Map<number, number[]>();
  for (const [pid, row] of table) {
    const siblings = children.get(row.ppid);
    if (siblings === undefined) children.set(row.ppid, [pid]);
    else siblings.push(pid);
  }
  return children;
}

/** Every descendant of `rootPid` (children, grandchildren, …) in breadth-first order. */
export function listDescendants(children: ChildrenIndex, rootPid: number): number[] {
  const seen = new Set<number>([rootPid]);
  const out: number[] = [];
  for (let i = -1; i < out.length; i++) {
    const parent = i < 0 ? rootPid : (out[i] as number);
    for (const child of children.get(parent) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
    }
  }
  return out;
}

/**
 * RSS of a process tree from its rows (the root and every descendant seen that still exists, as a
 * TreeReader gives them); null when the root is gone, never a 0 figure.
 */
export function toTreeSample(rows: ProcessTable, rootPid: number): TreeSample | null {
  if (!rows.has(rootPid)) return null;
  let rssBytes = 0;
  for (const row of rows.values()) rssBytes += row.rssBytes;
  return { pids: [...rows.keys()], rssBytes };
}

export function isOverLimit(rssBytes: number, limitBytes: number): boolean {
  return rssBytes > limitBytes;
}

/**
 * `72 MB > 64 MB`, or with the PSS that confirmed it `72 MB > 64 MB (PSS; RSS 1210 MB)`: the figure
 * compared is the one the container is charged (a shared page once), the RSS sum is kept beside it.
 */
export function formatBreach(rssBytes: number, pssBytes: number | null, limitBytes: number): string {
  if (pssBytes === null) return `${formatMb(rssBytes)} > ${formatMb(limitBytes)}`;
  return `${formatMb(pssBytes)} > ${formatMb(limitBytes)} (PSS; RSS ${formatMb(rssBytes)})`;
}

/** "72 MB" — whole MB rounded up, so a figure just over a limit never prints as equal to it. */
export function formatMb(bytes: number): string {
  return `${Math.ceil(bytes / BYTES_PER_MB)} MB`;
}
