// Descendants that leave their tree — `setsid -f`, a daemon's double fork, a reparenting to init —
// before a memory poll has seen them are invisible to the tree reader, which walks children files
// from the root down. Each command is therefore spawned with a token in its environment, which its
// descendants inherit however they detach; a sweep of /proc finds every process that carries one.
// A health check gets a token of its own for each run: once it has ended, whatever carries that
// token is killed wherever a sweep finds it.
import { existsSync } from 'node:fs';

import { readLastPid } from './last-pid.js';
import { PROC } from './process-table.js';
import { createTokenListing } from './token-listing.js';
import { readTreeToken, withTreeToken } from './tree-tokens.js';
import type { CheckTree } from '../model/check-tree.js';

export type { CheckTree };

/** One look at the pids given out since the last: how many it killed, where it got to, what it could not read. */
interface Probe {
  killed: number;
  to: number;
  retry: readonly number[];
}

/** What the sweep adds a found process to: the tree of the command whose token it carries. */
export interface Adopter {
  adopt(pid: number): void;
}

export interface EscapeSweep {
  /** `env` plus the token of the command `name` (one token per name) */
  tagEnv(name: string, env: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /** `env` plus the token of the supervisor's own helpers (the portable path's `ps`): the last kill takes them */
  tagHelper(env: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /** where the processes that carry `name`'s token go once found */
  track(name: string, tree: Adopter): void;
  /** a token of its own for one run of a health check (a new one each run) */
  openCheck(env: Readonly<Record<string, string>>): CheckTree;
  /**
   * Reads the environment of every process new since the last sweep: a command's tree adopts those
   * with its token; those with the token of a check that has ended are killed. No listing of /proc
   * when no pid was given out since the last listing (ns_last_pid: token-listing.ts). `quiet`: the
   * caller saw that none of the commands' trees has run since its last call, so that nothing new can
   * carry their tokens: no listing either, unless a check runs or has ended since the last sweep, or
   * the last listing left a process unread.
   */
  findEscaped(quiet?: boolean): void;
  /** SIGKILLs every process that carries one of our tokens (synchronous: it also serves 'exit'); returns their pids. */
  killAll(): number[];
}

/**
 * At most this many looks when a check ends: each one finds the children that the processes
 * killed by the last one forked just before their kill (a fork never completes once SIGKILL is
 * pending), so a tree of depth d takes d + 1. What is left after them is killed by a later sweep.
 */
export const MAX_END_SWEEPS = 8;
/**
 * New pids read one by one when a check ends, at most (a pid gone costs a failed open, about a
 * twentieth of a sweep of /proc with 150 processes); more, or no ns_last_pid: a sweep. An idle
 * container gives out one to a few pids while a check runs: its own, and what it started.
 */
export const MAX_PROBED_PIDS = 16;

/**
 * Whether `pid` still carries token `n` (never a process that only took the pid of one of ours);
 * one whose environment cannot be read now (mid-exec, a zombie) is taken to.
 */
function isStill(pid: number, id: string, n: number): boolean {
  const read = readTreeToken(pid, id);
  return read === n || read === undefined;
}

function kill(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false; // gone meanwhile
  }
}

/**
 * A supervisor's sweep. Where there is no /proc (macOS, the BSDs) it tags nothing and finds
 * nothing: the trees are then what the tree reader sees, and a check is its process group.
 */
export function createEscapeSweep(
  id = `${process.pid}.${Date.now().toString(36)}`,
  enabled = existsSync(`${PROC}/self/environ`),
  maxProbedPids = MAX_PROBED_PIDS,
): EscapeSweep {
  /** the token number of each command (sidecars, the app, nested execs) */
  const numbers = new Map<string, number>();
  /** the numbers of the commands and of the helpers: never killed on sight, only by the last kill */
  const named = new Set<number>();
  const trees = new Map<number, Adopter>();
  /** the checks still running, each with the pids found carrying its token */
  const checks = new Map<number, number[]>();
  let next = 0;
  /** the number of the supervisor's own helpers (`ps`), once one is tagged */
  let helper: number | null = null;
  /** a check has ended since the last sweep: what it left may carry its token */
  let checkEnded = false;
  const listing = createTokenListing(id);
  const sweep = (): Array<[pid: number, n: number]> => listing.listNew();

  /**
   * Gives what a sweep found to whom it belongs: a command's tree adopts it, a running check notes
   * it; one of a check that has ended is killed. Returns how many were killed.
   */
  function dispatch(found: Array<[pid: number, n: number]>): number {
    let killed = 0;
    for (const [pid, n] of found) {
      const check = checks.get(n);
      if (check !== undefined) check.push(pid);
      // a helper's, or a command's not tracked yet (right after its spawn): left to the last kill
      else if (named.has(n)) trees.get(n)?.adopt(pid);
      else if (kill(pid)) killed += 1;
    }
    return killed;
  }

  /**
   * Reads, one by one, the pids given out after `from` (the processes a check that has just ended
   * may have started), and again those of `retry`, and dispatches those of ours. Null when that
   * cannot be done: ns_last_pid is unreadable, went round (a pid after it would be below it), or
   * is too far on. `retry`: the pids whose environment could not be read (one mid-exec shows none).
   */
  function probeNew(from: number, again: readonly number[]): Probe | null {
    const to = readLastPid();
    if (to === null || to < from || to - from > maxProbedPids) return null;
    const found: Array<[number, number]> = [];
    const retry: number[] = [];
    const probe = (pid: number): void => {
      const n = pid === process.pid ? null : readTreeToken(pid, id);
      if (n === undefined) retry.push(pid);
      else if (n !== null) found.push([pid, n]);
    };
    again.forEach(probe);
    for (let pid = from + 1; pid <= to; pid += 1) probe(pid);
    return { killed: dispatch(found), to, retry };
  }

  /** After a check's end: looks until a look kills nothing and leaves nothing unread (bounded). */
  function killBorn(rootPid: number): void {
    let from: number | null = rootPid;
    let retry: readonly number[] = [];
    for (let round = 0; round < MAX_END_SWEEPS; round += 1) {
      const probed: Probe | null = from === null ? null : probeNew(from, retry);
      if (probed === null) {
        from = null;
        if (dispatch(sweep()) === 0 && listing.unsettled === 0) return;
      } else {
        if (probed.killed === 0 && probed.retry.length === 0) return;
        ({ to: from, retry } = probed);
      }
    }
  }

  return {
    tagEnv(name, env) {
      if (!enabled) return env;
      let n = numbers.get(name);
      if (n === undefined) {
        n = next++;
        numbers.set(name, n);
        named.add(n);
      }
      return withTreeToken(env, `${id}:${n}`);
    },
    tagHelper(env) {
      if (!enabled) return env;
      if (helper === null) named.add((helper = next++));
      return withTreeToken(env, `${id}:${helper}`);
    },
    track(name, tree) {
      const n = numbers.get(name);
      if (n !== undefined) trees.set(n, tree);
    },
    openCheck(env) {
      if (!enabled) return { env, end: () => undefined };
      const n = next++;
      checks.set(n, []);
      return {
        env: withTreeToken(env, `${id}:${n}`),
        end(rootPid) {
          checkEnded = true;
          const seen = checks.get(n) ?? [];
          checks.delete(n);
          for (const pid of seen) if (isStill(pid, id, n)) kill(pid);
          if (rootPid !== null) killBorn(rootPid); // null: not looked for now, the next sweep
        },
      };
    },
    findEscaped(quiet = false) {
      if (!enabled || next === 0) return;
      if (quiet && checks.size === 0 && !checkEnded && listing.unsettled === 0) return;
      checkEnded = false;
      dispatch(sweep());
    },
    killAll() {
      if (!enabled || next === 0) return [];
      sweep();
      const killed: number[] = [];
      for (const [pid, n] of listing.known) {
        if (n === null || !isStill(pid, id, n)) continue;
        if (kill(pid)) killed.push(pid);
      }
      // the children those forked just before their kill: each look finds the next generation
      for (let round = 0; round < MAX_END_SWEEPS; round += 1) {
        const born = sweep().filter(([pid]) => kill(pid));
        if (born.length === 0 && listing.unsettled === 0) break;
        killed.push(...born.map(([pid]) => pid));
      }
      return killed;
    },
  };
}
