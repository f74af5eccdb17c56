// The state API sockets of the supervisors in this container, for `sidecars status` and
// `sidecars restart` when no --status is given: every `sidecars exec` listens on a default socket.
import os from 'node:os';

import { SidecarError } from '../common/errors.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import { toFallbackSocketDir } from '../supervisor/api/status-address.js';
import { findDefaultSockets } from '../supervisor/api/status-client.js';

/** The default sockets under $TMPDIR (and the fallback dir); a clear error when there is none. */
export async function findSupervisorSockets(hint: string): Promise<StatusAddress[]> {
  const tmpDir = process.env['TMPDIR'] || os.tmpdir();
  const uid = process.getuid?.() ?? null;
  const found = await findDefaultSockets(tmpDir, uid);
  if (found.length === 0) {
    const fallback = uid !== null ? ` or ${toFallbackSocketDir(tmpDir, uid)}` : '';
    throw new SidecarError('usage', `no supervisor found: no socket in ${tmpDir}/sidecars${fallback}`, hint);
  }
  return found;
}
