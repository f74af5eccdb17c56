// An atomic claim on a shared path (a socket's name, a droplet): a file that names its holder
// (claim-holder.ts). Two processes that claim one file at the same moment: exactly one holds it,
// the other is told who does. A claim whose holder is gone (SIGKILLed, or its pid now another
// process's) is taken over, also atomically:
// - a claim is made with link(2) of a complete temp file: it fails if the file is there, and a
//   reader never sees it half written;
// - a stale claim is replaced (rename(2) over it) only by the one process that holds the takeover
//   claim of that stale content (`<file>.takeover-<hash of it>`, made the same way), and only
//   after it has read the file again and found that very content: no two processes that both
//   judged it stale can both replace it, and a fresh claim is never replaced by one who read the
//   stale one. A takeover claim left by a holder that died is itself taken over the same way.
// The holder removes its file when it releases it (or at exit); nothing else ever removes one.
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { toShortHash } from '../../common/short-hash.js';
import {
  type ClaimHolder,
  createHolderProbe,
  type HolderProbe,
  isHolderAlive,
  parseClaim,
  toClaimText,
  toOwnHolder,
} from './claim-holder.js';

export type ClaimOutcome = { kind: 'held'; release: () => void } | { kind: 'taken'; holder: ClaimHolder };

export interface ClaimOptions {
  /** what claims it, for the messages of those who lose: `sidecars exec` */
  by: string;
  probe?: HolderProbe;
  /** what the holder removes before it lets the claim go (also at exit): the path it claimed */
  onRelease?: () => void;
}

const TAKEOVER_INFIX = '.takeover-';
/** takeover claims of takeover claims: each level needs a holder that died in the middle of one */
const MAX_TAKEOVER_DEPTH = 4;
/** while another process takes over the same stale claim (a few file operations) */
const RETRY_MS = 5;
const MAX_TRIES = 400;
/** link(2) refused by the file system itself (not a clash): create with O_EXCL instead */
const NO_LINK = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

let tmpCount = 0;

function writeTemp(file: string, text: string): string {
  tmpCount += 1;
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${tmpCount}.tmp`);
  writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
  return tmp;
}

/** Makes `file` with `text` if it is not there; false if it is. */
function createExclusive(file: string, text: string): boolean {
  const tmp = writeTemp(file, text);
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINK.has(code)) throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  try {
    writeFileSync(file, text, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Every claim this process holds: released at exit, by one listener however many there are. */
const held = new Set<() => void>();
const releaseAll = (): void => {
  for (const release of [...held]) release();
};

function toHeld(file: string, text: string, onRelease?: () => void): ClaimOutcome {
  const release = (): void => {
    if (!held.delete(release)) return;
    if (held.size === 0) process.off('exit', releaseAll);
    try {
      onRelease?.();
    } catch {
      // what it claimed is gone already: the claim goes all the same
    }
    try {
      // only our own claim: never one that took ours over (it cannot while we live, but be sure)
      if (readText(file) === text) unlinkSync(file);
    } catch {
      // gone already, or the directory went: nothing of ours is left to remove
    }
  };
  if (held.size === 0) process.once('exit', releaseAll);
  held.add(release);
  return { kind: 'held', release };
}

/** One attempt: held, taken, or `retry` (the file changed under us: look again). */
function attempt(
  file: string,
  text: string,
  probe: HolderProbe,
  depth: number,
  onRelease?: () => void,
): ClaimOutcome | 'retry' {
  if (createExclusive(file, text)) return toHeld(file, text, onRelease);
  const seen = readText(file);
  if (seen === null) return 'retry'; // released meanwhile
  const holder = parseClaim(seen);
  if (holder !== null && isHolderAlive(holder, probe)) return { kind: 'taken', holder };
  // stale (or not a claim at all): only the holder of its takeover claim may replace it
  if (depth >= MAX_TAKEOVER_DEPTH) return 'retry';
  const takeover = claimAt(`${file}${TAKEOVER_INFIX}${toShortHash(seen)}`, text, probe, depth + 1);
  if (takeover.kind === 'taken') return 'retry'; // another process is replacing it right now
  try {
    if (readText(file) !== seen) return 'retry';
    const tmp = writeTemp(file, text);
    try {
      renameSync(tmp, file);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    return toHeld(file, text, onRelease);
  } finally {
    takeover.release();
  }
}

function claimAt(
  file: string,
  text: string,
  probe: HolderProbe,
  depth: number,
  onRelease?: () => void,
): ClaimOutcome {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const outcome = attempt(file, text, probe, depth, onRelease);
    if (outcome !== 'retry') return outcome;
    sleepSync(RETRY_MS);
  }
  throw new Error(`${file}: could not be claimed, nor its holder read, in ${MAX_TRIES} tries`);
}

/**
 * Claims `file` for this process: `held` (call release() when done; also done at exit), or
 * `taken` with the live holder. Synchronous: a few file operations. Throws what the file system
 * throws (no directory, no permission).
 */
export function claimFile(file: string, opts: ClaimOptions): ClaimOutcome {
  const probe = opts.probe ?? createHolderProbe();
  return claimAt(file, toClaimText(toOwnHolder(opts.by, probe), Date.now()), probe, 0, opts.onRelease);
}

export type ClaimState = { kind: 'none' } | { kind: 'stale' } | { kind: 'live'; holder: ClaimHolder };

/** Whether `file` is claimed now: by a live holder, by one that is gone (or not a claim), or not. */
export function readClaim(file: string, probe: HolderProbe = createHolderProbe()): ClaimState {
  let text: string | null;
  try {
    text = readText(file);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const holder = parseClaim(text);
  return holder !== null && isHolderAlive(holder, probe) ? { kind: 'live', holder } : { kind: 'stale' };
}
