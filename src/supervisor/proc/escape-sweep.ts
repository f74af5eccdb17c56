// Descendants that leave their tree — `setsid -f`, a daemon's double fork, a reparenting to init —
// before a memory poll has seen them are invisible to the tree reader, which walks children files
// from the root down. Each command is therefore spawned with a token in its environment, which its
// descendants inherit however they detach; a sweep of /proc finds every process that carries one.
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';

import { PROC } from './process-table.js';

/**
 * The variable that carries the tokens: space-separated, one per supervisor the process runs
 * under (a nested `sidecars exec` adds its own to the one `run` gave it), each `<supervisor>:<n>`.
 */
export const TREE_TOKEN_VAR = 'SIDECARS_TREES';

/** What the sweep adds a found process to: the tree of the command whose token it carries. */
export interface Adopter {
  adopt(pid: number): void;
}

export interface EscapeSweep {
  /** `env` plus the token of the command `name` (one token per name) */
  tagEnv(name: string, env: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /** where the processes that carry `name`'s token go once found */
  track(name: string, tree: Adopter): void;
  /** Reads the environment of every process new since the last sweep; adopts the ones that are ours. */
  findEscaped(): void;
  /** SIGKILLs every process that carries one of our tokens (synchronous: it also serves 'exit'); returns their pids. */
  killAll(): number[];
}

const NEEDLE = Buffer.from(`${TREE_TOKEN_VAR}=`);
const NUL = 0;

/**
 * The token numbers of supervisor `id` in an environment block (NUL-separated `KEY=VALUE`), from
 * the first `length` bytes of `environ`.
 */
export function parseTreeTokens(environ: Buffer, length: number, id: string): number[] {
  const found: number[] = [];
  let at = environ.indexOf(NEEDLE);
  while (at >= 0 && at < length) {
    if (at === 0 || environ[at - 1] === NUL) {
      const start = at + NEEDLE.length;
      let end = environ.indexOf(NUL, start);
      if (end < 0 || end > length) end = length;
      for (const token of environ.toString('latin1', start, end).split(' ')) {
        const colon = token.lastIndexOf(':');
        if (colon < 0 || token.slice(0, colon) !== id) continue;
        const n = Number(token.slice(colon + 1));
        if (Number.isInteger(n)) found.push(n);
      }
      return found;
    }
    at = environ.indexOf(NEEDLE, at + 1);
  }
  return found;
}

let buffer = Buffer.alloc(16 * 1024);

/** Reads /proc/<pid>/environ whole into the shared buffer; its length, or -1 when it cannot be read. */
function readEnviron(pid: string): number {
  let fd: number;
  try {
    fd = openSync(`${PROC}/${pid}/environ`, 'r');
  } catch {
    return -1; // gone, or another user's
  }
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.alloc(buffer.length * 2);
        buffer.copy(grown);
        buffer = grown;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) return length;
      length += n;
    }
  } catch {
    return -1;
  } finally {
    closeSync(fd);
  }
}

/**
 * A supervisor's sweep. Where there is no /proc (macOS, the BSDs) it tags nothing and finds
 * nothing: the trees are then what the tree reader sees.
 */
export function createEscapeSweep(
  id = `${process.pid}.${Date.now().toString(36)}`,
  enabled = existsSync(`${PROC}/self/environ`),
): EscapeSweep {
  const numbers = new Map<string, number>();
  const trees = new Map<number, Adopter>();
  /** every pid listed by the last sweep, and the token it carries (null: none of ours) */
  let known = new Map<number, number | null>();

  /** Our token in the environment of `pid` now, or null. */
  function readToken(pid: number): number | null {
    const length = readEnviron(String(pid));
    return length > 0 ? (parseTreeTokens(buffer, length, id)[0] ?? null) : null;
  }

  /**
   * Lists /proc; reads the environment of each process not listed last time (one listed both times
   * is taken to be the same process: a pid is reused only after the kernel has gone round them all).
   * Returns the processes of ours first seen now.
   */
  function sweep(): Array<[pid: number, n: number]> {
    let entries: string[];
    try {
      entries = readdirSync(PROC);
    } catch {
      return [];
    }
    const listed = new Map<number, number | null>();
    const found: Array<[number, number]> = [];
    for (const entry of entries) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      let n = known.get(pid);
      if (n === undefined) {
        n = readToken(pid);
        if (n !== null) found.push([pid, n]);
      }
      listed.set(pid, n);
    }
    known = listed;
    return found;
  }

  return {
    tagEnv(name, env) {
      if (!enabled) return env;
      let n = numbers.get(name);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(name, n);
      }
      const outer = env[TREE_TOKEN_VAR];
      const token = `${id}:${n}`;
      return { ...env, [TREE_TOKEN_VAR]: outer === undefined || outer === '' ? token : `${outer} ${token}` };
    },
    track(name, tree) {
      const n = numbers.get(name);
      if (n !== undefined) trees.set(n, tree);
    },
    findEscaped() {
      if (!enabled || numbers.size === 0) return;
      for (const [pid, n] of sweep()) trees.get(n)?.adopt(pid);
    },
    killAll() {
      if (!enabled || numbers.size === 0) return [];
      sweep();
      const killed: number[] = [];
      for (const [pid, n] of known) {
        // read again before a kill: never a process that only took the pid of one of ours
        if (n === null || readToken(pid) === null) continue;
        try {
          process.kill(pid, 'SIGKILL');
          killed.push(pid);
        } catch {
          // gone meanwhile
        }
      }
      return killed;
    },
  };
}
