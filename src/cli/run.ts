// `sidecars run`: a staged droplet's whole instance on one machine, as the platform runs it.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { SidecarError } from '../common/errors.js';
import { toNonNegativeInt } from '../supervisor/cli-values.js';
import { toPort } from '../supervisor/exec-plan.js';
import { createInstanceContext } from '../supervisor/droplet/instance-env.js';
import { readDroplet } from '../supervisor/droplet/read-droplet.js';
import { toRunSpecs } from '../supervisor/droplet/run-plan.js';
import { createSharedSink } from '../supervisor/line-output.js';
import { createLogger } from '../supervisor/log.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../supervisor/policies/memory-limit.js';
import { runObserved } from '../supervisor/run-observed.js';
import { parseStatusAddress } from '../supervisor/status-address.js';
import { printUsageError, SUPERVISE_OPTIONS, toSuperviseTimings } from './supervise-flags.js';
import { readBuildpackVersion } from './version.js';

export const SUMMARY = 'run a staged droplet (app + sidecars) locally as the platform would';

/** The platform's grace period between SIGTERM and SIGKILL. */
const PLATFORM_GRACE_MS = 10_000;
const DEFAULT_PROCESS_MEMORY_MB = 1024;

const HELP = `Usage: sidecars run [DROPLET_DIR] [options]

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
  --env KEY=VALUE           add a variable to every process's environment (repeatable)
  --grace-ms N              SIGTERM → SIGKILL grace period (default ${PLATFORM_GRACE_MS})
  --memory-interval-ms N    memory poll interval (default ${DEFAULT_MEMORY_INTERVAL_MS})
  --status ADDR             serve the state API on unix:PATH or 127.0.0.1:PORT (0: pick one)
  --artifacts DIR           write run records: started.json, finished.json, <name>.log, <name>.exit
  -h, --help                show this help

Output: every line of every process as [APP/PROC/WEB/0] OUT|ERR … or
[APP/PROC/WEB/SIDECAR/NAME/0] OUT|ERR …; the supervisor's own events as JSON lines
(pretty when stdout is a terminal); a one-line summary on stderr at the end.

Exit codes: the first dead process's code if non-zero, 128+signo if a signal killed it,
1 if it exited 0 or failed its health check; 143/130 on SIGTERM/SIGINT, even one that arrives
before any process started (nothing starts; the records say ABORTED).`;

function toExtraEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SidecarError('usage', `--env takes KEY=VALUE, not "${pair}"`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        process: { type: 'string' },
        command: { type: 'string' },
        memory: { type: 'string' },
        env: { type: 'string', multiple: true },
        ...SUPERVISE_OPTIONS,
      },
    });
  } catch (error) {
    printUsageError('run', error);
    return 1;
  }
  const { values, positionals } = args;
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  try {
    if (positionals.length > 1) throw new SidecarError('usage', 'run takes one DROPLET_DIR');
    if (values.port !== undefined && toPort(values.port) !== Number(values.port)) {
      throw new SidecarError('usage', `--port takes a port number, not "${values.port}"`);
    }
    const { graceMs, memoryIntervalMs } = toSuperviseTimings(values, PLATFORM_GRACE_MS);
    const memoryMb =
      toNonNegativeInt(values.memory, DEFAULT_PROCESS_MEMORY_MB, '--memory') || DEFAULT_PROCESS_MEMORY_MB;
    const status =
      values.status === undefined || values.status === 'off'
        ? null
        : { address: parseStatusAddress(values.status, process.cwd()), required: true };
    const droplet = await readDroplet(path.resolve(positionals[0] ?? '.'));
    const ctx = createInstanceContext(droplet.dir, values.process ?? 'web', memoryMb, toPort(values.port));
    const sink = createSharedSink(process.stdout);
    const specs = toRunSpecs(droplet, ctx, {
      command: values.command ?? null,
      callerEnv: process.env,
      extraEnv: toExtraEnv(values.env ?? []),
      sink,
    });
    const logger = createLogger({
      stream: process.stdout,
      pretty: process.stdout.isTTY === true,
      name: 'sidecars-run',
    });
    const outcome = await runObserved({
      specs,
      graceMs,
      memoryIntervalMs,
      logger,
      status,
      artifacts:
        values.artifacts === undefined
          ? null
          : {
              dir: path.resolve(values.artifacts),
              source: { version: readBuildpackVersion(), mode: 'run', droplet: droplet.dir },
            },
    });
    console.error(`sidecars run: ${outcome.summary}`);
    return outcome.exitCode;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars run: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
