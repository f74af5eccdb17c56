// The last pid the kernel gave out in the supervisor's pid namespace. Whatever a health check
// started has a pid after the one read just before its spawn, up to the one read when it ends:
// reading those few pids is cheaper than listing every process (a sweep of /proc). And while it
// stays the same, no process (nor thread) was born: no tree gained a member, no sweep can find one.
import { closeSync, openSync, readSync } from 'node:fs';

import { PROC } from './process-table.js';

const LAST_PID_FILE = `${PROC}/sys/kernel/ns_last_pid`;
const buffer = Buffer.alloc(32);
/** held open: a read at offset 0 asks the kernel again (one syscall a read); null: cannot be opened */
let heldFd: number | null | undefined;
/** what readLastPidThisTurn read in this turn of the event loop */
let thisTurn: number | null | undefined;

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
 * readLastPid, read once for every tree a poll reads in one turn of the event loop. Safe to compare
 * with the figure a tree kept from its last read of its children: it was read before them, so a
 * fork after it shows as a different figure at the next poll.
 */
export function readLastPidThisTurn(): number | null {
  if (thisTurn === undefined) {
    thisTurn = readLastPid();
    setImmediate(() => (thisTurn = undefined));
  }
  return thisTurn;
}
