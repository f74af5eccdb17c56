// `sidecars run --detach [--wait[=S]] [--keep]`: the run in the background, in a session of its
// own, stdin /dev/null, its output in run.out of its records dir; with --wait, back once every
// process is healthy (docker compose up -d --wait).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SidecarError } from '../common/errors.js';
import { readClaim } from '../supervisor/claim/claim-file.js';
import { toHolderText } from '../supervisor/claim/claim-holder.js';
import { parseStatusAddress, toAddressText, toSocketPathProblem } from '../supervisor/api/status-address.js';
import { readState } from '../supervisor/api/status-client.js';
import { holdStopSignals } from '../supervisor/core/stop-signals.js';
import type { StateBody } from '../supervisor/model/process-view.js';
import type { StatusAddress } from '../supervisor/model/status-address.js';
import {
  DETACHED_OUTPUT_NAME,
  toDefaultStopTimeoutMs,
  toPidStamp,
  writeDetachedRun,
} from '../supervisor/droplet/detached-run.js';
import { readDroplet } from '../supervisor/droplet/read-droplet.js';
import { toRunClaimFile } from '../supervisor/droplet/run-claim.js';
import { toRunProcessNames } from '../supervisor/droplet/run-process-names.js';
import { FINISHED_FILE } from '../supervisor/records/records.js';
import { type DetachRequest, toBackgroundArgv } from './detach-flags.js';
import { toWaitStep } from './detach-wait.js';
import { readRunEnd, stopDetachedRun } from './stop-run.js';
import { toStopVerdict } from './stop-verdict.js';

const POLL_MS = 200;
const READ_TIMEOUT_MS = 1_000;
const READY_LOOKS = 2;
/** after a signal, how long the run may take to answer before it is stopped all the same */
const START_MS = 5_000;
/** The records dir without --artifacts, under the droplet's tmp/. */
export const DEFAULT_DETACHED_RECORDS = path.join('tmp', 'run-records');
const SOCKET_NAME = '.sidecars-run.sock';
/** the output lines shown when the run ends while --wait waits */
const TAIL_LINES = 20;

async function pickFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** --status as given (port 0: a free port picked here, so we know it), else a socket in tmp/. */
async function toStatusAddress(given: string | undefined, dropletDir: string): Promise<StatusAddress> {
  if (given === 'off') throw new SidecarError('usage', '--detach needs the state API: not --status off');
  if (given !== undefined) {
    const address = parseStatusAddress(given, process.cwd());
    if (address.kind === 'tcp' && address.port === 0) return { ...address, port: await pickFreePort() };
    return address;
  }
  const socket = path.join(dropletDir, 'tmp', SOCKET_NAME);
  if (toSocketPathProblem(socket) === null) return { kind: 'unix', path: socket };
  return { kind: 'tcp', host: '127.0.0.1', port: await pickFreePort() };
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  } catch {
    return '';
  }
}

export async function runDetached(
  argv: readonly string[],
  values: { artifacts?: string | undefined; status?: string | undefined; process?: string | undefined },
  dropletArg: string | undefined,
  request: DetachRequest,
  graceMs: number,
): Promise<number> {
  const dropletDir = path.resolve(dropletArg ?? '.');
  const droplet = await readDroplet(dropletDir);
  const claim = readClaim(toRunClaimFile(dropletDir));
  if (claim.kind === 'live') {
    throw new SidecarError(
      'usage',
      `another sidecars run (${toHolderText(claim.holder)}) is running the droplet ${dropletDir}`,
      'Stop it first (`sidecars stop`), or run a copy of the droplet.',
    );
  }
  const recordsDir = path.resolve(values.artifacts ?? path.join(dropletDir, DEFAULT_DETACHED_RECORDS));
  if (values.artifacts === undefined) rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  rmSync(path.join(recordsDir, FINISHED_FILE), { force: true }); // an earlier run's is not this one's
  const status = await toStatusAddress(values.status, dropletDir);
  const statusText = toAddressText(status);
  // resolved here (a default, a free port for :0): given last, they win over the ones in argv
  const extra = ['--artifacts', recordsDir, '--status', statusText];
  const output = path.join(recordsDir, DETACHED_OUTPUT_NAME);
  const fd = openSync(output, 'w');
  // the app's NODE_OPTIONS go back aside, as bin/sidecars sets them: not for the supervisor's Node.js
  const env = { ...process.env };
  if (env['NODE_OPTIONS'] !== undefined) {
    env['SIDECARS_APP_NODE_OPTIONS'] = env['NODE_OPTIONS'];
    delete env['NODE_OPTIONS'];
  }
  const main = process.argv[1] ?? '';
  const child = spawn(
    process.execPath,
    [...process.execArgv, main, 'run', ...toBackgroundArgv(argv, extra)],
    {
      detached: true,
      stdio: ['ignore', fd, fd],
      env,
    },
  );
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined)
    throw new SidecarError('spawn_failed', `could not start the run: ${process.execPath}`);
  let exitCode: number | null = null;
  child.once('exit', (code, signal) => {
    exitCode = code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
  });
  const run = {
    version: 1 as const,
    ...toPidStamp(pid),
    recordsDir,
    output,
    status: statusText,
    startedAt: Date.now(),
    graceMs,
  };
  writeDetachedRun(dropletDir, run);
  const started = `sidecars run: started in the background: pid ${pid}, state API ${statusText}, records ${recordsDir}`;
  if (request.waitS === null) {
    child.unref();
    console.log(started);
    return 0;
  }
  const names = toRunProcessNames(droplet, values.process ?? 'web');
  const deadline = Date.now() + request.waitS * 1000;
  let body: StateBody | null = null;
  // SIGINT/SIGTERM/SIGHUP while it waits (the run, in a session of its own, gets none of them):
  // the wait ends, and the run is stopped as on a timeout
  const interrupt: { signal: NodeJS.Signals | null; atMs: number } = { signal: null, atMs: 0 };
  const release = holdStopSignals().take((received) => {
    if (interrupt.signal !== null) return;
    interrupt.signal = received;
    interrupt.atMs = Date.now();
  });
  const stopRun = async (why: string): Promise<void> => {
    const stopped = await stopDetachedRun(dropletDir, run, toDefaultStopTimeoutMs(run));
    const how = stopped.kind === 'ended' ? stopped.end.summary : toStopVerdict(stopped).message;
    console.error(
      `sidecars run: ${why}: stopped the run (pid ${pid}): ${how}\nsidecars run: records in ${recordsDir}`,
    );
  };
  // healthy at two looks in a row: a sidecar without a check of its own that dies at once is
  // healthy (running) for a moment
  let readyLooks = 0;
  try {
    for (;;) {
      try {
        body = await readState(status, READ_TIMEOUT_MS);
      } catch {
        // not listening yet, or gone: the run's exit says which
      }
      const step = toWaitStep({ body, names, runEnded: exitCode !== null, timedOut: Date.now() >= deadline });
      readyLooks = step.kind === 'ready' ? readyLooks + 1 : 0;
      if (readyLooks >= READY_LOOKS) {
        child.unref();
        console.log(
          `sidecars run: healthy (${names.join(', ')}): pid ${pid}, state API ${statusText}, records ${recordsDir}`,
        );
        return 0;
      }
      if (step.kind === 'ended') {
        await new Promise<void>((resolve) =>
          exitCode !== null ? resolve() : child.once('exit', () => resolve()),
        );
        const end = readRunEnd(recordsDir);
        const code = end?.exitCode ?? exitCode ?? 1;
        console.error(
          `sidecars run: the run ended before every process was healthy (exit code ${code})${end === null ? '' : `: ${end.summary}`}` +
            `\nsidecars run: records in ${recordsDir}; the last lines of ${output}:\n${readTail(output)}`,
        );
        return code === 0 ? 1 : code;
      }
      const received = interrupt.signal;
      // a run that has not answered yet may not hold its signals yet either: a SIGTERM now would
      // end it without records, so it gets a moment to start first
      if (received !== null && (body !== null || Date.now() - interrupt.atMs > START_MS)) {
        await stopRun(`${received} while waiting`);
        return 128 + (constants.signals[received] ?? 0);
      }
      if (step.kind === 'timeout') {
        console.error(`sidecars run: not healthy within ${request.waitS} s: ${step.notHealthy.join('; ')}`);
        if (!request.keep) {
          await stopRun('not healthy in time');
          return 1;
        }
        child.unref();
        console.error(
          `sidecars run: --keep: still running: pid ${pid}, state API ${statusText}, records ${recordsDir}`,
        );
        return 1;
      }
      await sleep(POLL_MS);
    }
  } finally {
    release();
  }
}
