// One `sidecars run` per droplet: it claims <droplet>/tmp/.sidecars-run.lock (claim-file.ts) before
// it reads what the last run left or touches anything under tmp/ (the run state, the nested
// records dir, the nested execs' sockets). Two runs started at the same moment: exactly one holds
// it, the other exits 1 naming the pid that does. The claim lasts as long as the run's process:
// released when it exits; a run that was SIGKILLed leaves a claim the next run takes over.
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import { toErrnoText } from '../api/errno-text.js';
import { claimFile } from '../claim/claim-file.js';
import { toStaleRunError } from './stale-run.js';

export const RUN_CLAIM_NAME = '.sidecars-run.lock';

export function toRunClaimFile(dropletDir: string): string {
  return path.join(dropletDir, 'tmp', RUN_CLAIM_NAME);
}

/** Claims the droplet until this process exits; a SidecarError if another live run holds it. */
export function claimDroplet(dropletDir: string): void {
  const file = toRunClaimFile(dropletDir);
  let outcome;
  try {
    outcome = claimFile(file, { by: 'sidecars run' });
  } catch (error) {
    throw new SidecarError(
      'usage',
      `cannot claim the droplet ${dropletDir} (${file}): ${toErrnoText(error)}`,
      'Check that the droplet dir is writable.',
      { cause: error },
    );
  }
  if (outcome.kind === 'taken') {
    throw toStaleRunError({ kind: 'running', supervisorPid: outcome.holder.pid }, dropletDir);
  }
}
