// The last pid the kernel gave out in the supervisor's pid namespace. Whatever a health check
// started has a pid after the one read just before its spawn, up to the one read when it ends:
// reading those few pids is cheaper than listing every process (a sweep of /proc). And while it
// stays the same, no process (nor thread) was born: no tree gained a member, no sweep can find one.
import { closeSync, openSync, readSync } from 'node:fs';

import { monotonicMs } from '../../common/clock.js';

import { PROC } from './process-table.js';

const LAST_PID_FILE = `${PROC}/sys/kernel/ns_last_pid`;
const buffer = Buffer.alloc(32);
/** held open: a read at offset 0 asks the kernel again (one syscall a read); null: cannot be opened */
let heldFd: number | null | undefined;
/** what readLastPidThisTurn read last, and when (monotonicMs()) */
let recent: number | null = null;
let recentAt = -Infinity;
/** how long a figure read serves every tree a poll reads: one poll takes well under it */
const RECENT_MS = 5;

/** /proc/sys/kernel/ns_last_pid; null where it cannot be read (no such file, a kernel without it). */
export function readLastPid(): number | null {
  if (heldFd === undefined) {
    try {
      heldFd = openSync(LAST_PID_FILE, 'r');
    } catch {
      heldFd = null;
    }
  }
  if (heldFd === null) return null;
  try {
    const length = readSync(heldFd, buffer, 0, buffer.length, 0);
    const pid = Number(buffer.toString('latin1', 0, length).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    closeSync(heldFd);
    heldFd = undefined; // opened again next time
    return null;
  }
}

/**
 * readLastPid, read once for every tree one poll reads (within RECENT_MS). Safe to compare with the
 * figure a tree kept from its last read of its children: it was read before them, so a fork after
 * it shows as a different figure at a later poll (FAST_POLL_MS apart at the least).
 */
export function readLastPidThisTurn(): number | null {
  const now = monotonicMs();
  if (now - recentAt >= RECENT_MS) {
    recent = readLastPid();
    recentAt = now;
  }
  return recent;
}
