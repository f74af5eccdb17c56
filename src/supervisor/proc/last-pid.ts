// The last pid the kernel gave out in the supervisor's pid namespace. Whatever a health check
// started has a pid after the one read just before its spawn, up to the one read when it ends:
// reading those few pids is cheaper than listing every process (a sweep of /proc).
import { closeSync, openSync, readSync } from 'node:fs';

import { PROC } from './process-table.js';

const LAST_PID_FILE = `${PROC}/sys/kernel/ns_last_pid`;
const buffer = Buffer.alloc(32);

/** /proc/sys/kernel/ns_last_pid; null where it cannot be read (no such file, a kernel without it). */
export function readLastPid(): number | null {
  let fd: number;
  try {
    fd = openSync(LAST_PID_FILE, 'r');
  } catch {
    return null;
  }
  try {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const pid = Number(buffer.toString('latin1', 0, length).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
