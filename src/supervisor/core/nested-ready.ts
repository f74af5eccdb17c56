// `run` holds the app until its nested `sidecars exec`s are up and waiting at their gates, so that
// a gated sidecar starts as soon as the app's port opens, however fast the app starts (a nested
// exec that is still loading when the app listens would start its sidecars that much later).
// The protocol is s6's readiness notification: run opens a pipe on fd NESTED_READY_FD of the
// nested exec and names it in NESTED_READY_ENV; the exec writes a newline there and closes it
// just before it launches its sidecars. Its end (EOF: the exec exited, or closed it) counts as ready too.
import { closeSync, writeSync } from 'node:fs';

/**
 * Set by `sidecars run` in a nested exec's environment only: the fd to say "ready" on. The exec
 * takes it out of its own environment first, so its sidecars never see it; the platform never sets it.
 */
export const NESTED_READY_ENV = 'SIDECARS_NESTED_READY';
/** The fd `run` opens for it: 3 is the launcher's environment report (env-report.ts), closed before the command. */
export const NESTED_READY_FD = 4;

/** The fd named in `env` (and taken out of it), or null: not under `run`, or not an fd number. */
export function takeNestedReadyFd(env: Record<string, string | undefined>): number | null {
  const value = env[NESTED_READY_ENV];
  delete env[NESTED_READY_ENV];
  if (value === undefined || !/^\d{1,4}$/.test(value)) return null;
  const fd = Number(value);
  return fd > 2 ? fd : null;
}

/**
 * Says "ready" on `fd` and closes it, so that no child of the exec inherits it. A fd that is not
 * open (EBADF) or whose reader went away (EPIPE) is nothing to report.
 */
export function sayNestedReady(fd: number): void {
  try {
    writeSync(fd, '\n');
  } catch {
    // run is gone, or the fd is not its pipe: nobody waits for this
  }
  try {
    closeSync(fd);
  } catch {
    // not open
  }
}
