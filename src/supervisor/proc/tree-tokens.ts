// The tokens a supervisor puts in the environment of what it spawns, and how they are read back
// from /proc/<pid>/environ. A process inherits its parent's environment however it detaches
// (`setsid -f`, a double fork, a reparenting to init), so the token finds it wherever it went.
import { closeSync, openSync, readSync } from 'node:fs';

import { PROC } from './process-table.js';

/**
 * The variable that carries the tokens: space-separated, one per supervisor the process runs
 * under (a nested `sidecars exec` adds its own to the one `run` gave it), each `<supervisor>:<n>`.
 */
export const TREE_TOKEN_VAR = 'SIDECARS_TREES';

const NEEDLE = Buffer.from(`${TREE_TOKEN_VAR}=`);
const NUL = 0;

/** `env` plus `token`, after the tokens of the supervisors it already carries. */
export function withTreeToken(
  env: Readonly<Record<string, string>>,
  token: string,
): Readonly<Record<string, string>> {
  const outer = env[TREE_TOKEN_VAR];
  return { ...env, [TREE_TOKEN_VAR]: outer === undefined || outer === '' ? token : `${outer} ${token}` };
}

/** Only the tokens of `env` (the supervisors it runs under): for a command given no environment of its own. */
export function toTreeTokensEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const tokens = env[TREE_TOKEN_VAR];
  return tokens === undefined || tokens === '' ? {} : { [TREE_TOKEN_VAR]: tokens };
}

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
function readEnviron(pid: number): number {
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
 * The first token of supervisor `id` that `pid` carries now; null: none; undefined: its
 * environment cannot be read now (gone, a zombie, not ours to read, or in the middle of an exec,
 * when the kernel shows an empty one for a moment), so a later read may still find one.
 */
export function readTreeToken(pid: number, id: string): number | null | undefined {
  const length = readEnviron(pid);
  return length > 0 ? (parseTreeTokens(buffer, length, id)[0] ?? null) : undefined;
}
