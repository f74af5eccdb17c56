// `sidecars restart NAME`: an operator's restart of one sidecar, through a supervisor's state API.

import { SidecarError } from '../common/errors.js';
import { parseCommandArgs } from './command-args.js';
import { findSupervisorSockets } from './default-sockets.js';
import { parseStatusAddress, toAddressText } from '../supervisor/api/status-address.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import { readState, requestRestart } from '../supervisor/api/status-client.js';

export const SUMMARY = 'restart one sidecar (graceful stop, then start) through its supervisor';

export const HELP = `Usage: sidecars restart NAME [--status unix:PATH]

Restarts the sidecar NAME in this container: its whole tree gets SIGTERM (SIGKILL after the
grace period), then it starts again at once; the app and the other sidecars keep running. An
operator's restart is not a failure: it spends nothing of max_restarts, and works for a sidecar
with restart: never too. Asked through the supervisor's state API on its unix socket only (the
API has no authentication: a TCP address is refused). With no --status, finds the supervisor
that runs NAME among the default sockets ($TMPDIR/sidecars/*.sock, as \`sidecars status\`).

Options:
  --status unix:PATH   the supervisor's socket (as given to exec/run --status)
  -h, --help           show this help

Exit codes: 0 once the supervisor accepted the restart; 1 for an unknown name, a sidecar that
is not running, no supervisor found, a TCP address or a usage error.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'restart',
    argv,
    { status: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  try {
    const [name, ...extra] = positionals;
    if (name === undefined || extra.length > 0) {
      throw new SidecarError(
        'usage',
        'restart takes one sidecar NAME',
        'Run `sidecars status` for the names.',
      );
    }
    const address = await findSupervisor(name, values.status);
    const answer = await requestRestart(address, name);
    if (!answer.ok) throw new SidecarError('usage', answer.message);
    console.log(`restarting ${name} (it was ${answer.state}) through ${toAddressText(address)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars restart: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

/** The supervisor to ask: --status (a unix socket), else the default socket whose state names NAME. */
async function findSupervisor(name: string, flag: string | undefined): Promise<StatusAddress> {
  if (flag !== undefined) {
    const address = parseStatusAddress(flag, process.cwd());
    if (address.kind !== 'unix') {
      throw new SidecarError(
        'usage',
        `--status ${flag}: restarts go through a unix socket only (the state API has no authentication)`,
        'Pass --status unix:PATH, or leave --status out to use the default sockets.',
      );
    }
    return address;
  }
  const found = await findSupervisorSockets(
    'Pass --status unix:PATH (the socket given to `sidecars run --status` or `exec --status`).',
  );
  const known: string[] = [];
  for (const address of found) {
    let names: string[];
    try {
      names = Object.keys((await readState(address)).processes);
    } catch {
      continue; // a socket left by a supervisor that has gone
    }
    if (names.includes(name)) return address;
    known.push(...names);
  }
  throw new SidecarError(
    'usage',
    `no sidecar named ${name} in this container`,
    known.length > 0 ? `Known: ${known.join(', ')}.` : 'No supervisor answered: is one running?',
  );
}
