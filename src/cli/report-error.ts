import { SidecarError, EXIT } from '../common/errors.js';
import { formatBlock } from '../staging/log.js';

/**
 * The one mapping from a thrown error to printed lines and an exit code. A SidecarError is the
 * user's to fix and prints as **ERROR** + hint; anything else is our bug and says so, without a
 * stack trace unless SIDECARS_DEBUG is set.
 */
export function reportError(
  error: unknown,
  write: (line: string) => void = (line) => console.error(line),
): number {
  if (error instanceof SidecarError) {
    formatBlock('**ERROR**', error.message, error.hint).forEach(write);
    return EXIT.failure;
  }
  const message = error instanceof Error ? error.message : String(error);
  formatBlock(
    '**ERROR**',
    `internal error: ${message}`,
    'This is a bug in the sidecar buildpack; please report it with this log.',
  ).forEach(write);
  if (process.env['SIDECARS_DEBUG'] !== undefined && error instanceof Error && error.stack !== undefined)
    write(error.stack);
  return EXIT.failure;
}
