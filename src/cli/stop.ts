// `sidecars stop [DROPLET_DIR] [--timeout S]`: stops the run `sidecars run --detach` started.
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import {
  MIN_STOP_TIMEOUT_MS,
  requireDetachedRun,
  toDefaultStopTimeoutMs,
} from '../supervisor/droplet/detached-run.js';
import { parseCommandArgs } from './command-args.js';
import { stopDetachedRun } from './stop-run.js';
import { toStopVerdict } from './stop-verdict.js';

export const SUMMARY = 'stop the run that `sidecars run --detach` started, and exit with how it ended';

export const HELP = `Usage: sidecars stop [DROPLET_DIR] [--timeout S]

Stops the run that \`sidecars run DROPLET_DIR --detach\` started (default DROPLET_DIR: .): SIGTERM
to it (it stops every process as on Ctrl-C), then waits for its finished.json. After S seconds,
SIGKILL to the run and to every process of its tree: nothing of it outlives stop.

Options:
  --timeout S          SIGKILL after S seconds (default: the run's --grace-ms + 20 s, at least
                       ${MIN_STOP_TIMEOUT_MS / 1000} s)
  -h, --help           show this help

Exit codes: 0 when every process was still running when stop came; the run's own exit code when
it had ended before (a sidecar crashed during the tests); 1 when there is no detached run of the
droplet, when the run was killed (SIGKILL) before stop and left no finished.json (stop then stops
what it left running), or when it had to be killed after --timeout.`;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'stop',
    argv,
    { timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  try {
    if (positionals.length > 1) throw new SidecarError('usage', 'stop takes one DROPLET_DIR');
    const timeoutS = values.timeout === undefined ? null : Number(values.timeout);
    if (timeoutS !== null && (!Number.isFinite(timeoutS) || timeoutS <= 0)) {
      throw new SidecarError('usage', `--timeout ${values.timeout}: not a positive number of seconds`);
    }
    const dropletDir = path.resolve(positionals[0] ?? '.');
    const run = requireDetachedRun(dropletDir);
    const timeoutMs = timeoutS === null ? toDefaultStopTimeoutMs(run) : timeoutS * 1000;
    const verdict = toStopVerdict(await stopDetachedRun(dropletDir, run, timeoutMs));
    console.error(`sidecars stop: ${verdict.message}`);
    console.error(`sidecars stop: records in ${run.recordsDir}`);
    return verdict.exitCode;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars stop: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
