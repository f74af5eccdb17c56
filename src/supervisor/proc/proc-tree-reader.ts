import { closeSync, existsSync, openSync, readdirSync } from 'node:fs';

import { SidecarError } from '../../common/errors.js';
import { readLastPidThisTurn } from './last-pid.js';
import { hasChanged, isUnchanged, preadAll, procBuffer, readFileOnce } from './proc-read.js';
import { parseProcStat, parseStatmRss, parseUints, type ProcessRow } from './proc-stat.js';
import { PROC, readPageSize } from './process-table.js';

/**
 * One command's process tree read from /proc through file descriptors held open between reads.
 * A held /proc file answers a pread at offset 0 with fresh figures, one syscall instead of
 * open + read + close, and it stays bound to that process: once the process is reaped it fails
 * with ESRCH, so a reused pid is never mistaken for a member. New members are found through each
 * member's /proc/<pid>/task/<tid>/children, so a poll reads this tree only, not every process on
 * the machine. Most reads take a member's RSS from its short statm; its stat (parent, group,
 * threads, state), which costs the kernel twice as much and us a longer parse, is read when it is
 * found and then every STAT_EVERY_READS reads (npm run bench: supervisor CPU with 50 sidecars).
 * A member's children are read again only once a pid was given out since their last read
 * (last-pid.ts): an idle tree costs one read of each member's statm a poll.
 */
export interface ProcTreeReader {
  /**
   * The rows of the root and of every descendant seen so far that still exists (zombies too,
   * flagged), the root first; without the root once it is gone. The very Map of the last read when
   * no member has run since. Throws when /proc cannot be read.
   */
  read(): Map<number, ProcessRow>;
  /** reads `pid` as a member from now on, wherever it is in the process tree now */
  adopt(pid: number): void;
}

/** Reads between two reads of a member's stat (at the 250 ms default poll: once a second). */
export const STAT_EVERY_READS = 4;

interface Member {
  statFd: number;
  /** /proc/<pid>/statm and /proc/<pid>/task/<pid>/children, opened when first needed */
  statmFd: number | null;
  childrenFd: number | null;
  /** what its last stat said, and how many reads ago */
  row: ProcessRow | null;
  readsSinceStat: number;
  /** the last pid given out (ns_last_pid), read before its children were last read; null: never read */
  childrenAt: number | null;
  /** /proc/<pid>/schedstat, held open once a single-threaded member was read; its last text */
  schedFd: number | null;
  last: Buffer | null;
  /** its last read found it had not run: nothing new to look for under it */
  idle: boolean;
}

const newMember = (statFd: number): Member => ({
  statFd,
  statmFd: null,
  childrenFd: null,
  row: null,
  readsSinceStat: 0,
  childrenAt: null,
  schedFd: null,
  last: null,
  idle: false,
});

/** ESRCH: the process was reaped while we held its file; ENOENT: gone before we opened it. */
function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ESRCH' || code === 'ENOENT';
}

/** The children of `pid`: a process's children are listed under the thread that forked them. */
function readChildren(pid: number, member: Member, threads: number, into: number[]): void {
  try {
    if (threads <= 1) {
      member.childrenFd ??= openSync(`${PROC}/${pid}/task/${pid}/children`, 'r');
      const length = preadAll(member.childrenFd); // first: it may grow the buffer
      parseUints(procBuffer(), length, into);
      return;
    }
    for (const tid of readdirSync(`${PROC}/${pid}/task`)) {
      try {
        const length = readFileOnce(`${PROC}/${pid}/task/${tid}/children`);
        parseUints(procBuffer(), length, into);
      } catch (error) {
        if (!isGone(error)) throw error; // that thread ended meanwhile
      }
    }
  } catch (error) {
    if (!isGone(error)) throw error; // the process ended meanwhile: its stat says so next time
  }
}

/** Whether the kernel keeps /proc/<pid>/schedstat (CONFIG_SCHED_INFO): asked once. */
let hasSchedstat: boolean | undefined;

/**
 * A single-threaded member's schedstat (time on a CPU, and how many times it got one): while it
 * stays the same, the member has not run, so it cannot have touched a page, forked, exited or
 * started a thread, and its last row still holds. Null where the kernel keeps none.
 */
function openSchedstat(pid: number): number | null {
  hasSchedstat ??= existsSync(`${PROC}/self/schedstat`);
  return hasSchedstat ? openSync(`${PROC}/${pid}/schedstat`, 'r') : null;
}

function close(member: Member): void {
  closeSync(member.statFd);
  if (member.statmFd !== null) closeSync(member.statmFd);
  if (member.childrenFd !== null) closeSync(member.childrenFd);
  if (member.schedFd !== null) closeSync(member.schedFd);
}

/**
 * Call it right after spawning the root, before its exit can have been reaped: the root's stat is
 * opened here, once, so that a later process given the same pid is never taken for it.
 */
export function openProcTreeReader(rootPid: number): ProcTreeReader {
  const known = readPageSize();
  // the /proc path is taken only where the page size is known (process-path.ts)
  if (known === null) throw new SidecarError('invariant', `${PROC} does not say the page size`);
  const pageSize = known;
  const members = new Map<number, Member>();
  /** the pids to read in one read(), reused from read to read */
  const queue: number[] = [];
  let lastRows: Map<number, ProcessRow> | null = null;
  let rootOpened = false;
  const openRoot = (): void => {
    try {
      members.set(rootPid, newMember(openSync(`${PROC}/${rootPid}/stat`, 'r')));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
    rootOpened = true;
  };
  try {
    openRoot();
  } catch {
    // out of file descriptors, say: the first read tries again and reports the failure
  }

  /**
   * Its stat when due, else its last stat with the RSS of its statm now. A single-threaded member
   * that has not run since: its last row, nothing read but its schedstat (`idle` set); one that has:
   * its stat (the thread it may have started shows there).
   */
  function readRowOf(pid: number, member: Member): ProcessRow {
    const last = member.row;
    member.idle = false;
    if (last !== null && last.threads === 1 && !last.zombie) {
      member.schedFd ??= openSchedstat(pid);
      if (member.schedFd !== null && !hasChanged(member.schedFd, member)) {
        member.idle = true;
        return last;
      }
      member.readsSinceStat = STAT_EVERY_READS;
    }
    if (last === null || member.readsSinceStat >= STAT_EVERY_READS - 1) {
      const length = preadAll(member.statFd);
      const row = parseProcStat(procBuffer(), length, pageSize);
      if (row === null) throw new Error(`${PROC}/${pid}/stat is not in the expected format`);
      member.row = row;
      member.readsSinceStat = 0;
      return row;
    }
    member.statmFd ??= openSync(`${PROC}/${pid}/statm`, 'r');
    const length = preadAll(member.statmFd);
    const rss = parseStatmRss(procBuffer(), length, pageSize);
    if (rss === null) throw new Error(`${PROC}/${pid}/statm is not in the expected format`);
    member.readsSinceStat += 1;
    const zombie = last.zombie || rss < 0;
    return { ppid: last.ppid, pgid: last.pgid, threads: last.threads, rssBytes: zombie ? 0 : rss, zombie };
  }

  /** The member's row now, or null once it is gone (its files are then closed). */
  function readRow(pid: number): { member: Member; row: ProcessRow } | null {
    let member = members.get(pid);
    try {
      if (member === undefined) {
        member = newMember(openSync(`${PROC}/${pid}/stat`, 'r'));
        members.set(pid, member);
      }
      return { member, row: readRowOf(pid, member) };
    } catch (error) {
      if (!isGone(error)) throw error;
      if (member !== undefined) close(member);
      members.delete(pid);
      return null;
    }
  }

  /**
   * Whether no member has run since the last read: every one a single-threaded process whose
   * schedstat says what it said then (one pread each, nothing allocated: an idle tree's poll).
   */
  function isQuiet(): boolean {
    if (lastRows === null || lastRows.size !== members.size) return false;
    try {
      for (const member of members.values()) {
        const { row, schedFd } = member;
        if (row === null || row.threads !== 1 || row.zombie || schedFd === null) return false;
        if (!isUnchanged(schedFd, member.last)) return false;
      }
    } catch {
      return false; // one is gone: the full read says so
    }
    return true;
  }

  return {
    adopt(pid) {
      if (members.has(pid)) return;
      try {
        members.set(pid, newMember(openSync(`${PROC}/${pid}/stat`, 'r')));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
    read() {
      if (lastRows !== null && isQuiet()) return lastRows;
      if (!rootOpened) openRoot();
      const lastPid = readLastPidThisTurn();
      const rows = new Map<number, ProcessRow>();
      let allIdle = true;
      // the members seen before, the root first and orphans included, then what their children add
      queue.length = 0;
      for (const pid of members.keys()) queue.push(pid);
      for (let i = 0; i < queue.length; i++) {
        const pid = queue[i] as number;
        if (rows.has(pid)) continue;
        const found = readRow(pid);
        if (found === null) {
          allIdle = false;
          continue;
        }
        rows.set(pid, found.row);
        // no pid given out since its children were read: it has no new child (nor thread)
        const { member } = found;
        if (!member.idle) allIdle = false;
        if (found.row.zombie || member.idle || (lastPid !== null && member.childrenAt === lastPid)) continue;
        readChildren(pid, member, found.row.threads, queue);
        member.childrenAt = lastPid;
      }
      // not one member has run since: the same rows, which a caller may take as unchanged
      if (allIdle && lastRows !== null && lastRows.size === rows.size) return lastRows;
      lastRows = rows;
      return rows;
    },
  };
}
