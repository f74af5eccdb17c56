// `sidecars run`: a staged droplet's whole instance on one machine, as the platform runs it.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { SidecarError } from '../common/errors.js';
import { readTextFile } from '../common/fs.js';
import { toNonNegativeInt } from '../supervisor/cli-values.js';
import { toPort } from '../supervisor/exec-plan.js';
import { isEnvName, parseEnvFile } from '../supervisor/droplet/env-file.js';
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
  --env KEY=VALUE           add a variable to every process's environment (repeatable);
                            visible in ps: for a secret, use one of the two below
  --env KEY                 the same, with KEY's value from this shell's environment
                            (an error if KEY is not set there)
  --env-from FILE           add the KEY=VALUE lines of FILE (repeatable; blank lines and
                            # comments ignored, optional "export ", values may be in '…' or "…").
                            Not --env-file: Node.js takes that one for itself.
                            Precedence: --env-from files in order, then --env flags in order;
                            the later wins; both win over the platform's variables (PORT, …).
  --grace-ms N              SIGTERM → SIGKILL grace period (default ${PLATFORM_GRACE_MS})
  --memory-interval-ms N    memory poll interval (default ${DEFAULT_MEMORY_INTERVAL_MS})
  --status ADDR             serve the state API on unix:PATH or 127.0.0.1:PORT (0: pick one)
  --artifacts DIR           write run records: started.json, finished.json, <name>.log, <name>.exit
  -h, --help                show this help

Output: every line of every process as [APP/PROC/WEB/0] OUT|ERR … or
[APP/PROC/WEB/SIDECAR/NAME/0] OUT|ERR …; the supervisor's own events as JSON lines
(pretty when stdout is a terminal); a one-line summary on stderr at the end.

Exit codes: the first dead process's code if non-zero, 128+signo if a signal killed it,
1 if it exited 0 or failed its health check; 143/130/129 on SIGTERM/SIGINT/SIGHUP (a closed
terminal), even one that arrives before any process started (nothing starts; the records say
ABORTED): every process is stopped with SIGTERM first.`;

/**
 * The variables added to every command: each --env-from file in order, then each --env in order (a
 * later one wins). `--env KEY` takes KEY's value from our own environment, off the command line.
 * No message here ever holds a value.
 */
async function toExtraEnv(
  files: readonly string[],
  flags: readonly string[],
  callerEnv: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const file of files) Object.assign(env, parseEnvFile(await readEnvFile(file), file));
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq < 0 ? flag : flag.slice(0, eq);
    if (!isEnvName(key)) {
      throw new SidecarError(
        'usage',
        `--env takes KEY or KEY=VALUE; the name${eq < 0 ? '' : ' before "="'} is not a variable name`,
        'A name has letters, digits and _, and does not start with a digit.',
      );
    }
    const value = eq < 0 ? callerEnv[key] : flag.slice(eq + 1);
    if (value === undefined) {
      throw new SidecarError(
        'usage',
        `--env ${key}: ${key} is not set in this environment`,
        `Set it first (export ${key}=…), put it in an --env-from file, or pass --env ${key}=VALUE.`,
      );
    }
    env[key] = value;
  }
  return env;
}

async function readEnvFile(file: string): Promise<string> {
  try {
    return await readTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SidecarError(
      'usage',
      `--env-from ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`,
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv.some((arg) => arg === '--env-file' || arg.startsWith('--env-file='))) {
    // Node.js reads it itself, wherever it is (nodejs/node#54232): exit 9 on a missing file
    console.error('sidecars run: --env-file is taken by Node.js itself: write --env-from FILE');
    return 1;
  }
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
        'env-from': { type: 'string', multiple: true },
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
    const extraEnv = await toExtraEnv(values['env-from'] ?? [], values.env ?? [], process.env);
    const droplet = await readDroplet(path.resolve(positionals[0] ?? '.'));
    const ctx = createInstanceContext(droplet.dir, values.process ?? 'web', memoryMb, toPort(values.port));
    const sink = createSharedSink(process.stdout);
    const specs = toRunSpecs(droplet, ctx, {
      command: values.command ?? null,
      callerEnv: process.env,
      extraEnv,
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
              passthrough: { stdout: sink, stderr: sink },
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
