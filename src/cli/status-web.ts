// `sidecars status --web 127.0.0.1:PORT`: serves the live report page of the supervisors found (as
// `sidecars status` finds them) until SIGINT or SIGTERM.
import { SidecarError } from '../common/errors.js';
import { parseStatusAddress } from '../supervisor/api/status-address.js';
import { startStatusProxy } from '../supervisor/api/status-proxy.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import { readCensor } from '../supervisor/secrets/censor.js';
import { toLivePage } from './live-page.js';

const WEB_HINT =
  'Use --web 127.0.0.1:PORT (PORT 0 picks a free one); on the platform, reach it with cf ssh -L PORT:127.0.0.1:PORT.';

/** --web's address: loopback TCP only (the page has no authentication; a browser cannot open a unix socket). */
export function parseWebAddress(text: string): Extract<StatusAddress, { kind: 'tcp' }> {
  if (text.startsWith('unix:')) {
    throw new SidecarError('usage', `--web ${text}: a browser cannot open a unix socket`, WEB_HINT);
  }
  let address: StatusAddress;
  try {
    address = parseStatusAddress(text, process.cwd());
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    throw new SidecarError('usage', error.message.replace(/^--status /, '--web '), WEB_HINT);
  }
  if (address.kind !== 'tcp')
    throw new SidecarError('usage', `--web ${text}: not a loopback address`, WEB_HINT);
  return address;
}

/** Serves until SIGINT or SIGTERM; 0 then. */
export async function serveStatusWeb(
  flag: string,
  findSources: () => Promise<StatusAddress[]>,
): Promise<number> {
  const listen = parseWebAddress(flag);
  await findSources(); // none found: the same error as `sidecars status`, before listening
  const proxy = await startStatusProxy({
    listen,
    findSources,
    page: toLivePage({ mode: 'status --web' }),
    censor: readCensor([process.env]),
  });
  console.log(`sidecars status: live report page on http://${proxy.address}/ (Ctrl-C stops it)`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await proxy.close();
  console.error(`sidecars status: ${signal}: stopped serving the page`);
  return 0;
}
