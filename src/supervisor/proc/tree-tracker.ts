/**
 * What the supervisor knows of one command's tree, on either process path: the pids of its members
 * that still exist and every process group ever seen under it. Each command runs in its own group
 * (pgid = its pid), so a group signal also reaches descendants that were orphaned; the members'
 * pids reach the ones that left the group.
 */
export interface TreeTracker {
  readonly rootPid: number;
  readonly pids: Set<number>;
  readonly groups: Set<number>;
}

/** A member as a fresh read shows it: enough to learn its group and to tell a zombie. */
export interface MemberRow {
  pgid: number;
  zombie: boolean;
}

export function createTreeTracker(rootPid: number): TreeTracker {
  return { rootPid, pids: new Set([rootPid]), groups: new Set([rootPid]) };
}

/** Learns the tree from a fresh read: members that are gone are forgotten, new ones and groups added. */
export function learnTree(tracker: TreeTracker, rows: ReadonlyMap<number, MemberRow>): void {
  for (const pid of tracker.pids) if (!rows.has(pid)) tracker.pids.delete(pid);
  for (const [pid, row] of rows) {
    tracker.pids.add(pid);
    if (row.pgid > 1) tracker.groups.add(row.pgid);
  }
}

export function sendSignal(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch {
    // ESRCH: already gone; EPERM: not ours any more (pid reused) — either way nothing to do
  }
}

/** Signals every group and pid the tracker knows, as it knows them now (synchronous: it serves 'exit'). */
export function signalKnown(tracker: TreeTracker, signal: NodeJS.Signals): void {
  for (const pgid of tracker.groups) sendSignal(-pgid, signal);
  for (const pid of tracker.pids) sendSignal(pid, signal);
}

/** True while any known pid, or any member of a known group, is alive (zombies do not count). */
export function isTreeAlive(tracker: TreeTracker, table: ReadonlyMap<number, MemberRow>): boolean {
  for (const [pid, row] of table) {
    if (row.zombie) continue;
    if (tracker.pids.has(pid) || tracker.groups.has(row.pgid)) return true;
  }
  return false;
}

/** kill(target, 0): whether the pid (or, negative, any member of the group) exists; zombies too. */
export function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // there, but not ours
  }
}

/** True while any known group has a member or any known pid exists, zombies included: no read of the tree. */
export function mayBeAlive(tracker: TreeTracker, probe: (target: number) => boolean = exists): boolean {
  for (const pgid of tracker.groups) if (probe(-pgid)) return true;
  for (const pid of tracker.pids) if (probe(pid)) return true;
  return false;
}
