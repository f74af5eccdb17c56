// `sidecars run`: a staged droplet's whole instance on one machine, as the platform runs it.
import { rmSync } from 'node:fs';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { toNonNegativeInt } from './cli-values.js';
import { toPort } from '../supervisor/wiring/exec-plan.js';
import { createInstanceContext } from '../supervisor/droplet/instance-env.js';
import { readDroplet } from '../supervisor/droplet/read-droplet.js';
import { startRunState, toRunStateFile } from '../supervisor/droplet/run-state.js';
import { findStaleRun, stopLeft, toStaleRunError } from '../supervisor/droplet/stale-run.js';
import { claimDroplet } from '../supervisor/droplet/run-claim.js';
import { clearNestedEnds, createAppPidHandoff, makeNestedRoot } from '../supervisor/droplet/nested-exec.js';
import { toRunSpecs } from '../supervisor/droplet/run-plan.js';
import { createSharedSink } from '../supervisor/core/line-output.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../supervisor/policies/memory-limit.js';
import { runObserved } from '../supervisor/wiring/run-observed.js';
import { parseStatusAddress } from '../supervisor/api/status-address.js';
import { toExtraEnv } from './extra-env.js';
import { parseCommandArgs } from './command-args.js';
import {
  SUPERVISE_OPTIONS,
  toProcessPathHelp,
  toProcessPathOption,
  toSuperviseTimings,
} from './supervise-flags.js';
import { PROCESS_PATH_ENV } from '../supervisor/proc/process-path.js';
import { toRecordsHelp, toRecordsOptions } from './records-flags.js';
import { toLocalDeadline } from '../supervisor/records/deadline.js';
import { readBuildpackVersion } from './version.js';
import { readCensor } from '../supervisor/secrets/censor.js';
import { DETACH_HELP, DETACH_OPTIONS, toDetachRequest, toParsableArgv } from './detach-flags.js';
import { createCommandLogger, toLogFormat, toLogFormatHelp, toNestedLogEnv } from './log-format.js';
import { toLivePage } from './live-page.js';

export const SUMMARY = 'run a staged droplet (app + sidecars) locally as the platform would';

/** The platform's grace period between SIGTERM and SIGKILL. */
const PLATFORM_GRACE_MS = 10_000;
const DEFAULT_PROCESS_MEMORY_MB = 1024;

export const HELP = `Usage: sidecars run [DROPLET_DIR] [options]

Runs a staged droplet (app/, deps/<idx>/, profile.d/, staging_info.yml; default: .) the way
the platform runs one instance: the main process and every sidecar for its type, each through
the launcher (HOME=app, DEPS_DIR, TMPDIR, PORT, VCAP_APPLICATION, MEMORY_LIMIT; sources
profile.d/* and app/.profile.d/*). Health-checks the main process, then keeps checking it
every interval; sidecars start only once their process type is healthy; memory limits apply
to whole process trees; when any process exits (any code), everything is stopped.

Options:
  --port N                  PORT of the instance (default 8080)
  --process TYPE            process type to run (default web)
  --command CMD             start command (default: staging_info.yml, else the Procfile)
  --memory MB               the process's memory: MEMORY_LIMIT and its limit (default ${DEFAULT_PROCESS_MEMORY_MB})
  --env KEY=VALUE           add a variable to every process's environment (repeatable);
                            visible in ps: for a secret, use one of the two below
  --env KEY                 the same, with KEY's value from this shell's environment
                            (an error if KEY is not set there)
  --env-from FILE           add the KEY=VALUE lines of FILE (repeatable; blank lines and
                            # comments ignored, optional "export ", values may be in '…' or "…").
                            Not --env-file: Node.js takes that one for itself.
                            Precedence: --env-from files in order, then --env flags in order;
                            the later wins; both win over the platform's variables (PORT, …).
  --kill-stale              if the last run of this droplet was killed (SIGKILL) and left
                            processes running, stop them (SIGTERM, SIGKILL after the grace
                            period) and go on; without it, run lists them and exits 1
  --grace-ms N              SIGTERM → SIGKILL grace period (default ${PLATFORM_GRACE_MS})
  --memory-interval-ms N    memory poll interval (default ${DEFAULT_MEMORY_INTERVAL_MS}; 10 ms near a limit; 4x for an idle tree)
  --status ADDR             serve the state API on unix:PATH or 127.0.0.1:PORT (0: pick one)
${toRecordsHelp(28)}
                            (each nested sidecars exec writes its sidecars' own into DIR/<entry>/)
${DETACH_HELP}
${toLogFormatHelp(28)}
                            (the nested sidecars execs write in the same format, uncoloured)
  -h, --help                show this help

${toProcessPathHelp(28)}

Output: every line of every process as [APP/PROC/WEB/0] OUT|ERR … or
[APP/PROC/WEB/SIDECAR/NAME/0] OUT|ERR …; the supervisor's own events as short lines on a
terminal (12:01:09 crasher exited with code 3), else JSON lines; a one-line summary on stderr at the end, naming the
process that ended first, or the sidecar of a nested sidecars exec and its entry:
  sidecars run: crasher exited with code 3 (sidecars-web); stopped 2 other process(es)

Exit codes: the first dead process's code if non-zero, 128+signo if a signal killed it,
1 if it exited 0 or failed its health check, or (before anything starts) if the last run of
the droplet left processes running (without --kill-stale) or is still running;
143/130/129 on SIGTERM/SIGINT/SIGHUP (a closed terminal), even one that arrives before any
process started (nothing starts; the records say ABORTED): every process is stopped with
SIGTERM first. With --detach: 0 once the run started (with --wait: once all are healthy); 1
when not healthy in time; the run's code when it ended while --wait waited; 128+signo on a
signal while it waited (the run is stopped).`;

/** What the last run of the droplet left running: an error naming it, or with --kill-stale, stopped. */
async function settleStaleRun(file: string, dropletDir: string, killStale: boolean, graceMs: number) {
  const stale = findStaleRun(file);
  if (stale.kind === 'none') return;
  if (stale.kind === 'running' || !killStale) throw toStaleRunError(stale, dropletDir);
  const pids = (list: readonly { pid: number }[]) => list.map((p) => p.pid).join(' ');
  const survivors = await stopLeft(stale.processes, graceMs);
  if (survivors.length > 0) {
    throw new SidecarError(
      'usage',
      `--kill-stale: could not stop ${pids(survivors)}, left by the last run of ${dropletDir}`,
    );
  }
  console.error(
    `sidecars run: --kill-stale: stopped what the last run left running: ${pids(stale.processes)}`,
  );
}

export async function main(argv: string[]): Promise<number> {
  if (argv.some((arg) => arg === '--env-file' || arg.startsWith('--env-file='))) {
    // Node.js reads it itself, wherever it is (nodejs/node#54232): exit 9 on a missing file
    console.error('sidecars run: --env-file is taken by Node.js itself: write --env-from FILE');
    return 1;
  }
  const args = parseCommandArgs(
    'run',
    toParsableArgv(argv),
    {
      port: { type: 'string' },
      process: { type: 'string' },
      command: { type: 'string' },
      memory: { type: 'string' },
      env: { type: 'string', multiple: true },
      'env-from': { type: 'string', multiple: true },
      'kill-stale': { type: 'boolean' },
      ...DETACH_OPTIONS,
      ...SUPERVISE_OPTIONS,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  try {
    if (positionals.length > 1) throw new SidecarError('usage', 'run takes one DROPLET_DIR');
    if (values.port !== undefined && toPort(values.port) !== Number(values.port)) {
      throw new SidecarError('usage', `--port takes a port number, not "${values.port}"`);
    }
    const { graceMs, memoryIntervalMs } = toSuperviseTimings(values, PLATFORM_GRACE_MS);
    const detach = toDetachRequest(values);
    if (detach !== null) {
      const { runDetached } = await import('./run-detached.js');
      return await runDetached(argv, values, positionals[0], detach, graceMs);
    }
    const processPath = toProcessPathOption(process.env);
    const logFormat = toLogFormat({
      flag: values['log-format'],
      isTTY: process.stdout.isTTY === true,
      noColor: process.env['NO_COLOR'],
    });
    // the nested execs take the path run was told to take (auto: each finds the same one)
    const pathSetting = process.env[PROCESS_PATH_ENV];
    const memoryMb =
      toNonNegativeInt(values.memory, DEFAULT_PROCESS_MEMORY_MB, '--memory') || DEFAULT_PROCESS_MEMORY_MB;
    const status =
      values.status === undefined || values.status === 'off'
        ? null
        : {
            address: parseStatusAddress(values.status, process.cwd()),
            required: true,
            by: 'sidecars run',
            page: toLivePage({ mode: 'run', version: readBuildpackVersion() }),
          };
    const extraEnv = await toExtraEnv(values['env-from'] ?? [], values.env ?? [], process.env);
    const droplet = await readDroplet(path.resolve(positionals[0] ?? '.'));
    const stateFile = toRunStateFile(droplet.dir);
    claimDroplet(droplet.dir); // until this process exits: no other run touches its tmp/
    await settleStaleRun(stateFile, droplet.dir, values['kill-stale'] === true, graceMs);
    const ctx = createInstanceContext(droplet.dir, values.process ?? 'web', memoryMb, toPort(values.port));
    const sink = createSharedSink(process.stdout);
    const records = toRecordsOptions(values, {
      source: { version: readBuildpackVersion(), mode: 'run', droplet: droplet.dir },
      config: undefined,
      // the run's own environment is the developer's: the instance's is what it gives its commands
      env: { TMPDIR: process.env['TMPDIR'] },
      entry: 'run',
      fallbackOrigin: { app: ctx.appName, processType: ctx.processType },
      finalDeadline: toLocalDeadline,
    });
    // the nested execs' records go into the run's own (and so into its upload), else a temp dir
    const recordsDir = records.artifacts?.dir ?? null;
    const nestedRoot = recordsDir ?? makeNestedRoot(droplet.dir);
    // what the commands are given (--env, --env-from, VCAP_SERVICES; what profile.d exports, as
    // each one starts) is masked in all we write
    const censor = readCensor([process.env]);
    try {
      const specs = toRunSpecs(droplet, ctx, {
        command: values.command ?? null,
        callerEnv: process.env,
        extraEnv,
        sink,
        nestedRoot,
        uid: process.getuid?.() ?? null,
        nestedEnv: {
          ...toNestedLogEnv(logFormat),
          ...(pathSetting === undefined || pathSetting === '' ? {} : { [PROCESS_PATH_ENV]: pathSetting }),
        },
        onCommandEnv: (env) => censor.learn([env]),
      });
      censor.learn(specs.map((spec) => spec.env));
      clearNestedEnds(specs);
      const logger = createCommandLogger({
        stream: process.stdout,
        format: logFormat,
        name: 'sidecars-run',
        censor,
      });
      const runState = startRunState(stateFile, censor);
      let outcome;
      try {
        outcome = await runObserved({
          extraPolicies: [createAppPidHandoff(specs), ...(runState === null ? [] : [runState.policy])],
          specs,
          graceMs,
          memoryIntervalMs,
          processPath,
          logger,
          status,
          censor,
          ...records,
        });
      } finally {
        // every process is gone, on any path out of runObserved: nothing left for the next run
        runState?.remove();
      }
      console.error(`sidecars run: ${outcome.summary}`);
      return outcome.exitCode;
    } finally {
      if (recordsDir === null) rmSync(nestedRoot, { recursive: true, force: true });
    }
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars run: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
