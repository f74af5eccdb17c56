// When a process started, as the kernel counts it: what tells a pid apart from a later process
// the kernel gave the same number. Linux only (/proc); elsewhere null, and callers say what then.
import { existsSync, readFileSync } from 'node:fs';

// the 20th field after the command name: state(1) ppid(2) … starttime(20)
const START_TIME_FIELD = 20;

/** When `pid` started (clock ticks after boot); null if it is gone, a zombie, or there is no /proc. */
export function readStartTicks(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // the command name may hold spaces and parentheses: count fields from its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return null;
  const ticks = Number(fields[START_TIME_FIELD - 1]);
  return Number.isInteger(ticks) ? ticks : null;
}

/** This boot's id; null where there is no /proc (start times count from the boot). */
export function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

/** True where /proc/<pid>/stat can be read: a missing one then means the process is gone. */
export function hasProcStat(): boolean {
  return existsSync(`/proc/${process.pid}/stat`);
}
