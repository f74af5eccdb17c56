// Every process, as the portable path lists them: one asynchronous `ps` (POSIX options, the same
// on Linux's procps, macOS and the BSDs), never a synchronous child: the supervisor's event loop
// must keep forwarding output and signals while it runs.
import { execFile } from 'node:child_process';

import { monotonicMs } from '../../common/clock.js';

/** One process of the listing: enough to walk trees, learn groups, tell zombies and reused pids. */
export interface PsRow {
  ppid: number;
  pgid: number;
  /** exited but not yet reaped: holds no memory and cannot be signalled away */
  zombie: boolean;
  /**
   * when it started, as `ps` prints it (`lstart`, to the second): a pid that shows another start
   * than when it was seen is another process that took the number
   */
  startedAt: string;
}

export type PsTable = ReadonlyMap<number, PsRow>;

export const PS_COMMAND = 'ps';
/** `=` after each field: no header line. lstart last: it holds spaces (`Thu Nov 26 21:20:33 2026`). */
export const PS_LISTING_ARGS = ['-A', '-o', 'pid=,ppid=,pgid=,stat=,lstart='] as const;
/** a machine with 100,000 processes prints ~6 MB */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
/** pid, ppid, pgid, stat, then lstart's five words */
const FIXED_FIELDS = 4;
/**
 * A listing that takes longer is a failed one (its `ps` SIGKILLed): a `ps` that hangs (a process
 * stuck in the kernel) must not stall every poll and every stop. 100,000 processes list in ~2 s.
 */
export const PS_TIMEOUT_MS = 5_000;

/** `ps -A -o pid=,ppid=,pgid=,stat=,lstart=` output → table; lines that do not parse are skipped. */
export function parsePsListing(text: string): Map<number, PsRow> {
  const table = new Map<number, PsRow>();
  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length <= FIXED_FIELDS) continue;
    const [pid, ppid, pgid] = parts.slice(0, 3).map(Number);
    if (pid === undefined || ppid === undefined || pgid === undefined) continue;
    if (![pid, ppid, pgid].every((n) => Number.isInteger(n) && n >= 0)) continue;
    const zombie = parts[3]?.startsWith('Z') === true;
    table.set(pid, { ppid, pgid, zombie, startedAt: parts.slice(FIXED_FIELDS).join(' ') });
  }
  return table;
}

/**
 * Lists every process; rejects when `ps` cannot run, fails or takes over PS_TIMEOUT_MS (a failed
 * sample, never an empty table). `env`: its environment (the supervisor's helper token).
 */
export function readPsListing(env?: Readonly<Record<string, string>>): Promise<Map<number, PsRow>> {
  return new Promise((resolve, reject) => {
    execFile(
      PS_COMMAND,
      PS_LISTING_ARGS,
      {
        encoding: 'utf8',
        maxBuffer: MAX_LISTING_BYTES,
        timeout: PS_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        ...(env === undefined ? {} : { env }),
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          const why = error.killed ? `no answer within ${PS_TIMEOUT_MS} ms` : stderr.trim() || error.message;
          reject(new Error(`${PS_COMMAND} ${PS_LISTING_ARGS.join(' ')} failed: ${why}`));
          return;
        }
        const table = parsePsListing(stdout);
        // every listing holds at least ps itself and its parent: none means output we cannot read
        if (table.size === 0) reject(new Error(`${PS_COMMAND} listed no process: ${stdout.slice(0, 200)}`));
        else resolve(table);
      },
    );
  });
}

/** How long one listing serves: the polls of every tree, or the checks of trees stopping together. */
export const LISTING_REUSE_MS = 10;

/**
 * One listing shared by every tree: a call while a `ps` runs, or within `reuseMs` after it ended,
 * gets that listing instead of starting another.
 */
export function createSharedListing(
  list: () => Promise<PsTable>,
  now: () => number = monotonicMs,
  reuseMs = LISTING_REUSE_MS,
): () => Promise<PsTable> {
  let running: Promise<PsTable> | null = null;
  let last: { table: PsTable; at: number } | null = null;
  return () => {
    if (running !== null) return running;
    if (last !== null && now() - last.at <= reuseMs) return Promise.resolve(last.table);
    const listing = list().then(
      (table) => {
        last = { table, at: now() };
        running = null;
        return table;
      },
      (error: unknown) => {
        running = null;
        throw error;
      },
    );
    running = listing;
    return listing;
  };
}
