import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';

import { CODE_CACHE_EXT, WRITE_CODE_CACHE_ENV } from '../cli/load-bundle.js';
import { SidecarError } from '../common/errors.js';
import { SidecarsFileSchema } from '../config/sidecars-file-schema.js';
import { type LaunchYmlProcess, renderYaml } from '../staging/launch-yml.js';
import { toRuntimeConfig } from '../staging/to-runtime-config.js';

/** The commands whose start-up is measured (npm run bench): the ones the platform waits on. */
export const TRAINED_COMMANDS = ['run', 'exec'] as const;
const TRAINING_TIMEOUT_MS = 60_000;

/** A main process that is healthy at once (its port is the trainer's), prints, and exits. */
const MAIN_COMMAND = 'echo ready; echo oops >&2; sleep 0.6';
/** Sidecars gated on it: two, so output is prefixed; each prints and idles until stopped. */
const SIDECARS = ['alpha', 'beta'].map((name) => ({ name, command: `echo ${name}; exec sleep 30` }));
/** exec trains with the main process as one more sidecar, which ends the run when it exits */
const MAIN_SIDECAR = 'main';
const TRAINING_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * V8 code caches for the supervising commands' bundles: runs `sidecars run` and `sidecars exec` once
 * each, on the Node.js binary `node` (the one that ships), over a small app that takes the paths
 * every start takes (config read, gating on a port check, spawning, prefixed output, memory polls,
 * records, the status socket, a death and the stop of the rest). Each run writes
 * lib/<bundle>.v8cache at exit (src/cli/load-bundle.ts); a cache holds V8's bytecode for exactly
 * the functions the run compiled, and only a Node.js of the same V8 version and flags takes it.
 * Resolves to the caches by their path in the buildpack (lib/sidecars-run.cjs.v8cache).
 */
export async function trainCodeCaches(
  files: ReadonlyMap<string, Uint8Array>,
  libDir: string,
  node: string,
): Promise<Map<string, Uint8Array>> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new SidecarError(
      'install_failed',
      `packaging trains the supervisor's code caches by running the Node.js it ships (linux-x64); this machine is ${process.platform}-${process.arch}`,
      'Package on linux-x64, the architecture of the platform the buildpack runs on.',
    );
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-code-cache-'));
  let port: { server: Server; number: number } | null = null;
  try {
    port = await listenOnLoopback();
    for (const [file, data] of files) {
      await mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await writeFile(path.join(work, file), data);
    }
    await writeFile(path.join(work, 'VERSION'), 'training\n');
    const cli = path.join(work, libDir, 'sidecars.cjs');
    // what the training app runs (bash, echo, sleep) is on a stack's PATH; nothing of this machine's
    const env = { PATH: TRAINING_PATH, SIDECAR_BUILDPACK_DIR: work, [WRITE_CODE_CACHE_ENV]: '1' };

    const droplet = await writeTrainingDroplet(path.join(work, 'droplet'));
    const run = recordFlags(work, 'run');
    await train(node, [cli, 'run', droplet, '--port', String(port.number), ...run.flags], env, {
      records: run.records,
      main: 'web',
    });
    const config = await writeTrainingConfig(path.join(work, 'runtime-config.json'));
    const exec = recordFlags(work, 'exec');
    const execEnv = { ...env, PORT: String(port.number) };
    await train(node, [cli, 'exec', '--for', 'web', '--config', config, ...exec.flags], execEnv, {
      records: exec.records,
      main: MAIN_SIDECAR,
    });

    const caches = new Map<string, Uint8Array>();
    for (const command of TRAINED_COMMANDS) {
      const file = `${libDir}/sidecars-${command}.cjs${CODE_CACHE_EXT}`;
      caches.set(file, await readFile(path.join(work, file)));
    }
    return caches;
  } finally {
    port?.server.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** --artifacts and --status for a training run: records and the API are on the paths trained. */
function recordFlags(work: string, command: string): { flags: string[]; records: string } {
  const records = path.join(work, `${command}-records`);
  return {
    flags: ['--artifacts', records, '--status', `unix:${path.join(work, `${command}.sock`)}`],
    records,
  };
}

/**
 * Runs one training command. It must end the way the app makes it end: supervised to the end, the
 * main process dead by its own exit and the rest stopped, with records written. Anything else (a
 * crash, a usage error, a timeout) would train the wrong paths, or none.
 */
async function train(
  node: string,
  argv: string[],
  env: Record<string, string>,
  expect: { records: string; main: string },
): Promise<void> {
  const result = await execa(node, argv, {
    env,
    extendEnv: false,
    reject: false,
    all: true,
    timeout: TRAINING_TIMEOUT_MS,
  });
  const finished = await readFile(path.join(expect.records, 'finished.json'), 'utf8')
    .then((text) => JSON.parse(text) as FinishedRecord)
    .catch(() => null);
  const reason = finished?.metadata?.processes?.[expect.main]?.reason;
  if (finished === null || finished.result === 'ABORTED' || reason !== 'exited') {
    const how = `${result.shortMessage}; finished.json: ${finished === null ? 'none' : `${finished.result}, ${expect.main} ${reason ?? 'not recorded'}`}`;
    throw new SidecarError(
      'install_failed',
      `training the code cache: \`sidecars ${argv[1] ?? ''}\` did not run to the main process's exit (${how}):\n${result.all ?? ''}`,
    );
  }
}

interface FinishedRecord {
  result?: string;
  metadata?: { processes?: Record<string, { reason?: string }> };
}

async function writeTrainingDroplet(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'app'), { recursive: true });
  await mkdir(path.join(dir, 'deps', '0'), { recursive: true });
  await writeFile(path.join(dir, 'app', 'Procfile'), `web: ${MAIN_COMMAND}\n`);
  const processes: LaunchYmlProcess[] = SIDECARS.map((s) => ({
    type: s.name,
    command: s.command,
    limits: { memory: 32 },
    platforms: { cloudfoundry: { sidecar_for: ['web'] } },
  }));
  await writeFile(path.join(dir, 'deps', '0', 'launch.yml'), renderYaml({ processes }));
  return dir;
}

/** The runtime config bin/supply would write for those sidecars, with the main one among them. */
async function writeTrainingConfig(file: string): Promise<string> {
  const declared = SidecarsFileSchema.parse({
    sidecars: [...SIDECARS, { name: MAIN_SIDECAR, command: MAIN_COMMAND }].map((s) => ({
      ...s,
      memory: '32M',
    })),
  });
  await writeFile(file, JSON.stringify(toRuntimeConfig(declared, '0', 'training')));
  return file;
}

/** A TCP listener on 127.0.0.1 for the training runs' port checks. */
async function listenOnLoopback(): Promise<{ server: Server; number: number }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP port for training');
  return { server, number: address.port };
}
