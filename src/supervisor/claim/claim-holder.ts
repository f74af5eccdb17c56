// Who holds a claim (claim-file.ts), as its file says: a pid, told apart from a later process of
// the same number by its start time and the boot it counts from, and what it is (for messages).
import { hasProcStat, readBootId, readStartTicks } from './start-time.js';

export interface ClaimHolder {
  pid: number;
  /** /proc/<pid>/stat starttime (clock ticks after boot); null where there is no /proc */
  startTicks: number | null;
  /** the boot the start time counts from; null where there is no /proc */
  bootId: string | null;
  /** what holds it, for messages: `sidecars exec`, `sidecars run` */
  by: string;
}

/** What the machine says now about a holder's pid: injected, so the decision is a pure function. */
export interface HolderProbe {
  bootId: string | null;
  /** true where start times can be read (then a null start time means the process is gone) */
  hasStartTicks: boolean;
  startTicks(pid: number): number | null;
  /** kill(pid, 0): the pid exists (any process, a zombie included) */
  exists(pid: number): boolean;
}

export const CLAIM_VERSION = 1;

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This machine, now. */
export function createHolderProbe(): HolderProbe {
  return {
    bootId: readBootId(),
    hasStartTicks: hasProcStat(),
    startTicks: readStartTicks,
    exists: pidExists,
  };
}

/** This process, as a claim of its names it. */
export function toOwnHolder(by: string, probe: HolderProbe = createHolderProbe()): ClaimHolder {
  return {
    pid: process.pid,
    startTicks: probe.hasStartTicks ? probe.startTicks(process.pid) : null,
    bootId: probe.bootId,
    by,
  };
}

/**
 * The text of a claim file. `atMs` makes two claims of one process (a claim released, then made
 * again) differ, so a takeover never mistakes the new one for the stale one it read.
 */
export function toClaimText(holder: ClaimHolder, atMs: number): string {
  const { pid, startTicks, bootId, by } = holder;
  return `${JSON.stringify({ version: CLAIM_VERSION, pid, start_ticks: startTicks, boot_id: bootId, by, at: atMs })}\n`;
}

/** The holder a claim file names; null for anything else (another version, not ours, cut short). */
export function parseClaim(text: string): ClaimHolder | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const doc = value as Record<string, unknown>;
  const pid = doc['pid'];
  const ticks = doc['start_ticks'];
  const boot = doc['boot_id'];
  if (doc['version'] !== CLAIM_VERSION || !Number.isInteger(pid) || (pid as number) <= 0) return null;
  if (ticks !== null && !Number.isInteger(ticks)) return null;
  if (boot !== null && typeof boot !== 'string') return null;
  return {
    pid: pid as number,
    startTicks: ticks as number | null,
    bootId: boot,
    by: typeof doc['by'] === 'string' ? doc['by'] : 'another process',
  };
}

/**
 * True while the holder is the process that made the claim: same boot, same pid, same start time.
 * A pid the kernel has given to another process since (another start time), a zombie, a claim of
 * an earlier boot: not alive. Where there are no start times, the pid existing is all there is.
 */
export function isHolderAlive(holder: ClaimHolder, probe: HolderProbe): boolean {
  if (holder.bootId !== null && probe.bootId !== null && holder.bootId !== probe.bootId) return false;
  if (holder.startTicks !== null && probe.hasStartTicks) {
    return probe.startTicks(holder.pid) === holder.startTicks;
  }
  return probe.exists(holder.pid);
}

/** `pid 4242 (sidecars exec)` */
export function toHolderText(holder: ClaimHolder): string {
  return `pid ${holder.pid} (${holder.by})`;
}
