// `sidecars wait NAME... [--timeout S]`: blocks until those sidecars of this container are healthy.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

import { SidecarError } from '../common/errors.js';
import { parseCommandArgs } from './command-args.js';
import { parseStatusAddress } from '../supervisor/api/status-address.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import { findDefaultSockets, readState } from '../supervisor/api/status-client.js';
import type { StateBody } from '../supervisor/model/process-view.js';
import { checkWait } from '../supervisor/api/wait-state.js';

export const SUMMARY = 'block until the named sidecars of this container are healthy (for a start command)';

export const DEFAULT_WAIT_TIMEOUT_S = 60;
const POLL_MS = 200;
const READ_TIMEOUT_MS = 1_000;

export const HELP = `Usage: sidecars wait NAME... [--timeout S] [--status unix:PATH]

Blocks until every sidecar NAME of this container is healthy (its own health_check passed, or
running when it has none), then exits 0. For an app that needs a sidecar before it starts:

  web: sidecars wait proxy && ./start

The sidecar must start with the app (start: with_app in sidecars.yml): a sidecar that starts after
the app's health check would never come (staging rejects that). Asks the supervisors' state API on
their default unix sockets ($TMPDIR/sidecars/*.sock, as \`sidecars status\`), every ${POLL_MS} ms.
\`sidecars\` is on the app's PATH when the final buildpack sources deps/<idx>/profile.d; the
absolute "$DEPS_DIR/<idx>/bin/sidecars" works everywhere.

Options:
  --timeout S          give up after S seconds (default ${DEFAULT_WAIT_TIMEOUT_S})
  --status unix:PATH   ask this supervisor only (as given to exec/run --status)
  -h, --help           show this help

Exit codes: 0 once all are healthy; 1 on timeout (naming what it waited for and what it last
saw of each) or a usage error.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'wait',
    argv,
    {
      timeout: { type: 'string' },
      status: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  try {
    if (positionals.length === 0) {
      throw new SidecarError('usage', 'wait takes one or more sidecar NAMEs', 'Run `sidecars wait --help`.');
    }
    const timeoutS = values.timeout === undefined ? DEFAULT_WAIT_TIMEOUT_S : Number(values.timeout);
    if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
      throw new SidecarError('usage', `--timeout ${values.timeout}: not a positive number of seconds`);
    }
    const flag = values.status === undefined ? null : parseStatusAddress(values.status, process.cwd());
    return await waitFor(positionals, timeoutS * 1000, flag);
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars wait: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

async function waitFor(names: string[], timeoutMs: number, flag: StatusAddress | null): Promise<number> {
  const tmpDir = process.env['TMPDIR'] || os.tmpdir();
  const uid = process.getuid?.() ?? null;
  const deadline = Date.now() + timeoutMs;
  let seen = new Map<string, string>(names.map((name) => [name, 'no supervisor answered']));
  for (;;) {
    const addresses = flag !== null ? [flag] : await findDefaultSockets(tmpDir, uid);
    const bodies: StateBody[] = [];
    for (const address of addresses) {
      try {
        bodies.push(await readState(address, READ_TIMEOUT_MS));
      } catch {
        // a supervisor not listening yet, or one that has gone: ask again at the next poll
      }
    }
    if (bodies.length > 0) {
      const check = checkWait(bodies, names);
      if (check.ready) {
        console.error(`sidecars wait: ${names.join(', ')} healthy`);
        return 0;
      }
      seen = check.seen;
    }
    if (Date.now() + POLL_MS > deadline) break;
    await sleep(POLL_MS);
  }
  const last = [...seen].map(([name, text]) => `${name}: ${text}`).join('; ');
  console.error(
    `sidecars wait: ${names.join(', ')} not healthy within ${Math.round(timeoutMs / 1000)} s (last seen: ${last})`,
  );
  return 1;
}
