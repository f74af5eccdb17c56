// `sidecars status`: what the supervisors in this container are doing, from their state API.
import { parseArgs } from 'node:util';

import { SidecarError } from '../common/errors.js';
import { findSupervisorSockets } from './default-sockets.js';
import { followEvents, hasGone, readState } from '../supervisor/api/status-client.js';
import { parseStatusAddress, toAddressText } from '../supervisor/api/status-address.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import { toEventLine, toStatusTable } from '../supervisor/api/status-table.js';

export const SUMMARY = 'show the processes of running supervisors (state, health, memory, last exit)';

export const HELP = `Usage: sidecars status [--status ADDR] [--json] [--follow] [--web 127.0.0.1:PORT]

Asks running supervisors for the state of their processes: state, health, memory / limit,
restarts, last exit. With no --status, asks every supervisor listening on a default socket
($TMPDIR/sidecars/*.sock: every \`sidecars exec\` of this container, <entry>.sock, and
<entry>.<pid>.sock for one that found its entry's socket held by another; and, where a TMPDIR
too long for a socket path made exec fall back, /tmp/sidecars-<uid>-<hash of TMPDIR>/*.sock).
Each is shown with its pid.

Options:
  --status ADDR   one supervisor: unix:PATH or 127.0.0.1:PORT (as given to exec/run --status)
  --json          print {"supervisors": [{"address", "finished", "processes"}]} instead of a table
  --follow        stream events (every event since the start, then live) until the runs end;
                  with --json, the raw NDJSON lines
  --web ADDR      serve their live report page on ADDR (127.0.0.1:PORT, loopback only; 0
                  picks a port) until SIGINT/SIGTERM; on the platform: cf ssh -L PORT:127.0.0.1:PORT
  -h, --help      show this help

Exit codes: 0; 1 if no supervisor was found or one could not be reached.`;

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        status: { type: 'string' },
        json: { type: 'boolean' },
        follow: { type: 'boolean' },
        web: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`sidecars status: ${(error as Error).message}\nRun \`sidecars status --help\` for usage.`);
    return 1;
  }
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  try {
    if (values.web !== undefined) {
      if (values.json === true || values.follow === true) {
        throw new SidecarError('usage', '--web serves a page: it takes neither --json nor --follow');
      }
      const { serveStatusWeb } = await import('./status-web.js');
      const statusFlag = values.status;
      return await serveStatusWeb(values.web, () => toAddresses(statusFlag));
    }
    const addresses = await toAddresses(values.status);
    if (values.follow === true) {
      const tagged = addresses.length > 1;
      await Promise.all(
        addresses.map((address) =>
          followEvents(address, (line) =>
            console.log(
              values.json === true ? line : toEventLine(line, tagged ? toAddressText(address) : null),
            ),
          ),
        ),
      );
      return 0;
    }
    const found = await Promise.all(
      addresses.map(async (address) => {
        try {
          return { address, body: await readState(address) };
        } catch (error) {
          // a supervisor found by its default socket that ended meanwhile is not a failure
          if (values.status === undefined && hasGone(address)) return null;
          throw error;
        }
      }),
    );
    const states = found.filter((state) => state !== null);
    if (states.length === 0) {
      throw new SidecarError('usage', 'no supervisor found: every one found has ended since');
    }
    if (values.json === true) {
      const supervisors = states.map(({ address, body }) => ({ address: toAddressText(address), ...body }));
      console.log(JSON.stringify({ supervisors }, null, 2));
    } else {
      console.log(
        states.map(({ address, body }) => toStatusTable(toAddressText(address), body)).join('\n\n'),
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars status: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

async function toAddresses(flag: string | undefined): Promise<StatusAddress[]> {
  if (flag !== undefined) return [parseStatusAddress(flag, process.cwd())];
  return findSupervisorSockets(
    'Pass --status ADDR (the address given to `sidecars run --status` or `exec --status`).',
  );
}
