// `sidecars exec`: what the platform runs for each launch.yml entry this buildpack wrote.
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { RUNTIME_CONFIG_FILE } from '../config/runtime-config.js';
import { NESTED_APP_PID_FILE, NESTED_ENV } from '../supervisor/core/nested-end.js';
import { takeNestedReadyFd } from '../supervisor/core/nested-ready.js';
import { createNestedReady } from '../supervisor/policies/nested-ready.js';
import { toContainerType, toExecPlan, toExecSpecs, toPort } from '../supervisor/wiring/exec-plan.js';
import { createSharedSink } from '../supervisor/core/line-output.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../supervisor/policies/memory-limit.js';
import { readRuntimeConfig } from '../config/read-runtime-config.js';
import { type ObservedRunOptions, runObserved } from '../supervisor/wiring/run-observed.js';
import { parseStatusAddress, toDefaultSocket, toFallbackSocket } from '../supervisor/api/status-address.js';
import { DEFAULT_GRACE_MS } from '../supervisor/wiring/supervise.js';
import { readBuildpackVersion } from './version.js';
import { parseCommandArgs } from './command-args.js';
import { toStringEnv } from '../common/string-env.js';
import {
  SUPERVISE_OPTIONS,
  toProcessPathHelp,
  toProcessPathOption,
  toSuperviseTimings,
} from './supervise-flags.js';
import { toRecordsHelp, toRecordsOptions } from './records-flags.js';
import { toPlatformDeadline } from '../supervisor/records/deadline.js';
import { readCensor } from '../supervisor/secrets/censor.js';
import { createCommandLogger, LOG_FORMAT_ENV, toLogFormat, toLogFormatHelp } from './log-format.js';
import { toLivePage } from './live-page.js';

export const SUMMARY =
  'run sidecars for this container: gate on its health, limit memory, exit when one dies';

export const HELP = `Usage: sidecars exec --for TYPE [options]
       sidecars exec NAME [options]

Runs the sidecars of one launch.yml entry, as the platform does for each entry:
  1. waits until the health check of this container's process type passes
     (process_type from VCAP_APPLICATION, else --for; port: TCP 127.0.0.1:$PORT,
     http: GET the endpoint answers 200, after redirects, as the platform checks it;
     process: at once) — not for a sidecar with start: with_app — and until the
     sidecars in its depends_on are healthy;
  2. runs each sidecar with bash -c in its own process group, MEMORY_LIMIT=<its memory>m,
     its memory limit enforced on its whole process tree;
  3. exits as soon as one sidecar dies, after stopping the others; a sidecar with its own
     restart policy (sidecars.yml restart, max_restarts) is restarted instead, after a back-off
     of 1 s, 2 s, 4 s … up to 30 s, until its budget is spent (its own health_check failing
     counts as a failure); \`sidecars restart NAME\` restarts one through the unix socket.
  4. on SIGTERM, stops dependents before what they depend on, and keeps a stop: after_app
     sidecar serving until the app (the process listening on the checked port) has exited,
     or until all but 2 s of the grace period are spent.

Options:
  --for TYPE                 run the sidecars of process type TYPE (grouped layout)
  NAME                       run the one sidecar NAME (per-sidecar layout)
  --config FILE              runtime config (default: $SIDECAR_DEP_DIR/${RUNTIME_CONFIG_FILE})
  --grace-ms N               SIGTERM → SIGKILL grace period (default ${DEFAULT_GRACE_MS})
  --memory-interval-ms N     memory poll interval (default ${DEFAULT_MEMORY_INTERVAL_MS}; 10 ms near a limit; 4x for an idle tree)
  --status ADDR              state API: unix:PATH, 127.0.0.1:PORT (0: pick one) or off
                             (default, when TMPDIR is set: unix:$TMPDIR/sidecars/<entry>.sock, or
                             /tmp/sidecars-<uid>-<hash>/<entry>.sock when that path cannot be made;
                             <entry>.<pid>.sock beside it when another live supervisor holds it)
${toRecordsHelp(29)}
${toLogFormatHelp(29)}
  -h, --help                 show this help

${toProcessPathHelp(29)}

Exit codes: the dead sidecar's code; 128+signo if a signal killed it (137 after a memory-limit
kill); 1 if it exited 0, on a gate timeout, a failed health check or a usage/config error (a
sidecar whose max_restarts are spent: the same, for its last run); 143/130/129 on
SIGTERM/SIGINT/SIGHUP, even one that arrives before any sidecar started (nothing starts; the
records say ABORTED).`;

export async function main(argv: string[]): Promise<number> {
  // `sidecars run` names the dir for the records of this exec: taken out of the environment
  // first, so that the sidecars get exactly the platform's
  const nestedDir = process.env[NESTED_ENV] || undefined;
  delete process.env[NESTED_ENV];
  // and the fd on which it waits for this exec to wait at its gates (it holds the app until then)
  const readyFd = takeNestedReadyFd(process.env);
  const runLogFormat = process.env[LOG_FORMAT_ENV];
  delete process.env[LOG_FORMAT_ENV];
  const args = parseCommandArgs(
    'exec',
    argv,
    {
      for: { type: 'string' },
      config: { type: 'string' },
      ...SUPERVISE_OPTIONS,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  try {
    if (positionals.length > 1) throw new SidecarError('usage', 'exec takes at most one sidecar NAME');
    const depDir = process.env['SIDECAR_DEP_DIR'];
    const configFile =
      values.config ?? (depDir !== undefined ? path.join(depDir, RUNTIME_CONFIG_FILE) : undefined);
    if (configFile === undefined) {
      throw new SidecarError(
        'usage',
        'no runtime config',
        'Run through deps/<idx>/bin/sidecars, or pass --config FILE.',
      );
    }
    const { graceMs, memoryIntervalMs } = toSuperviseTimings(values, DEFAULT_GRACE_MS);
    const processPath = toProcessPathOption(process.env);
    const config = await readRuntimeConfig(configFile);
    const plan = toExecPlan(config, {
      forTypes: values.for ?? null,
      sidecarName: positionals[0] ?? null,
      containerType: toContainerType(process.env['VCAP_APPLICATION']),
      port: toPort(process.env['PORT']),
    });
    const status = toExecStatus(
      values.status,
      process.env['TMPDIR'],
      toEntryName(values.for, positionals[0]),
    );
    const page = toLivePage({ mode: 'exec', version: readBuildpackVersion() });
    const stdout = createSharedSink(process.stdout);
    const stderr = createSharedSink(process.stderr);
    const specs = toExecSpecs(plan, { cwd: process.cwd(), env: toStringEnv(process.env), stdout, stderr });
    // what the sidecars are given (the container's environment) is masked in all we write
    const censor = readCensor([process.env, ...specs.map((spec) => spec.env)]);
    const logger = createCommandLogger({
      stream: process.stdout,
      format: toLogFormat({
        flag: values['log-format'],
        fromRun: runLogFormat,
        isTTY: process.stdout.isTTY === true,
        noColor: process.env['NO_COLOR'],
      }),
      name: 'sidecars-exec',
      censor,
    });
    // under `sidecars run`, the records go where run says, and run uploads them with its own
    const recordsValues = nestedDir === undefined ? values : { artifacts: values.artifacts ?? nestedDir };
    const outcome = await runObserved({
      ...(readyFd === null ? {} : { extraPolicies: [createNestedReady(readyFd)] }),
      ...(nestedDir === undefined ? {} : { appPidFile: path.join(nestedDir, NESTED_APP_PID_FILE) }),
      specs,
      graceMs,
      memoryIntervalMs,
      processPath,
      logger,
      status: status === null ? null : { ...status, page },
      censor,
      ...toRecordsOptions(recordsValues, {
        source: { version: readBuildpackVersion(), mode: 'exec', config: path.resolve(configFile) },
        config: nestedDir === undefined ? config.records : undefined,
        env: process.env,
        entry: toEntryName(values.for, positionals[0]),
        fallbackOrigin: { app: 'app', processType: plan.processType },
        finalDeadline: toPlatformDeadline,
      }),
    });
    if (outcome.exitCode !== 0) console.error(`sidecars exec: ${outcome.summary}`);
    return outcome.exitCode;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars exec: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

/**
 * --status ADDR | off; by default the entry's socket under $TMPDIR (set on the platform), or, when
 * that one cannot be made (too long a path, no directory), one in a private dir under /tmp.
 */
function toExecStatus(
  flag: string | undefined,
  tmpDir: string | undefined,
  entry: string,
): ObservedRunOptions['status'] {
  if (flag === 'off') return null;
  const by = 'sidecars exec';
  if (flag !== undefined) return { address: parseStatusAddress(flag, process.cwd()), required: true, by };
  if (tmpDir === undefined || tmpDir === '') return null;
  const uid = process.getuid?.();
  return {
    address: toDefaultSocket(tmpDir, entry),
    required: false,
    by,
    ...(uid === undefined ? {} : { fallback: { address: toFallbackSocket(tmpDir, entry, uid), uid } }),
  };
}

/** The launch.yml entry this supervisor runs for: sidecars-T (grouped) or the sidecar's name. */
function toEntryName(forTypes: string | undefined, name: string | undefined): string {
  return forTypes !== undefined ? `sidecars-${forTypes}` : (name ?? 'sidecars');
}
