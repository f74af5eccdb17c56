export type ErrorCode =
  | 'usage'
  | 'config_invalid'
  | 'config_unreadable'
  | 'manifest_invalid'
  | 'dependency_missing'
  | 'checksum_mismatch'
  | 'not_last_buildpack'
  | 'install_failed'
  | 'gate_timeout'
  | 'spawn_failed'
  | 'invariant';

/** A failure the user can act on: what went wrong, and (in `hint`) what to do about it. */
export class SidecarError extends Error {
  override readonly name = 'SidecarError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit codes, in one table. A dead command's own code (or 128+signo) is passed through as is. */
export const EXIT = {
  ok: 0,
  /** any failure the supervisor or the buildpack itself detects */
  failure: 1,
} as const;

/** Shell convention for a command killed by a signal. */
export function toSignalExitCode(signo: number): number {
  return 128 + signo;
}
