import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  accessSync,
  appendFileSync,
  constants,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

import { freePort } from './free-port.js';
import { isAlive } from './pids.js';

/**
 * A real S3 server for tests: a single-node Ceph (one monitor, one memstore OSD, radosgw's beast frontend), every
 * listener on 127.0.0.1, in a fresh temp dir. The settings that make it start in seconds are explained in
 * shared/research/object-store.md §4. Cluster auth is off; the S3 side still checks signatures.
 */
export interface S3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** The daemons, in start order: ceph-mon, ceph-osd, radosgw. */
  pids: readonly number[];
  dir: string;
  /** Stops the daemons one by one, radosgw first (SIGTERM, SIGKILL after STOP_GRACE_MS), then removes dir. */
  stop(): Promise<void>;
}

const DIR_PREFIX = 'sidecars-radosgw-';
const OWNER_FILE = 'owner.pid';
const PIDS_FILE = 'daemons.pids';
const START_TIMEOUT_MS = 60_000;
const TOOL_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const POLL_MS = 25;
const START_ATTEMPTS = 3;
const LOG_TAIL_LINES = 15;
const REGION = 'us-east-1';
/** The commands a server needs; test/setup/system-packages.sh installs their Debian packages. */
const COMMANDS = ['monmaptool', 'ceph-mon', 'ceph-osd', 'ceph', 'radosgw', 'radosgw-admin'];
const SETUP_SCRIPT = 'test/setup/system-packages.sh';

const run = promisify(execFile);
/** Daemons of servers not yet stopped, by temp dir: killed synchronously if this process exits first. */
const live = new Map<string, ChildProcess[]>();

/** Extra ceph.conf settings, e.g. `rgw lc debug interval` (a lifecycle "day" of that many seconds). */
export interface RadosgwOptions {
  settings?: Array<[string, string | number]>;
}

/** Starts a server; with `t`, it is stopped when the test ends. Retries with new ports if one was taken. */
export async function startRadosgw(
  t?: Pick<TestContext, 'after'>,
  opts: RadosgwOptions = {},
): Promise<S3Server> {
  const missing = COMMANDS.filter((command) => !isOnPath(command));
  if (missing.length > 0) throw new Error(toMissingText(missing.join(', ')));
  installExitCleanup();
  sweepOrphans();
  for (let attempt = 1; ; attempt++) {
    try {
      const server = await startOnce(opts);
      t?.after(() => server.stop());
      return server;
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/Address already in use|bind .*failed/i.test(String(error)))
        throw error;
    }
  }
}

/** One server for the whole test file: started in `before`, stopped in `after`. Call at the file's top level. */
export function useSharedRadosgw(opts: RadosgwOptions = {}): () => S3Server {
  let server: S3Server | undefined;
  before(async () => {
    server = await startRadosgw(undefined, opts);
  });
  after(() => server?.stop());
  return () => {
    if (server === undefined) throw new Error('the shared radosgw is not started: call it inside a test');
    return server;
  };
}

/**
 * An S3 client configured the way that works against non-AWS servers: path-style URLs, an explicit region, and
 * checksums only where the API requires them (the SDK's default CRC32 + aws-chunked framing is refused by radosgw
 * with 411 MissingContentLength). An example for the product's own client, not a shared module.
 */
export function createS3Client(server: S3Server, overrides: Partial<S3ClientConfig> = {}): S3Client {
  // @aws-sdk 3.1175 warns on Node 20 that later releases need Node 22; no-warnings.ts would turn that into a failure.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...overrides,
  });
}

async function startOnce(opts: RadosgwOptions): Promise<S3Server> {
  const dir = await mkdtemp(path.join(os.tmpdir(), DIR_PREFIX));
  await writeFile(path.join(dir, OWNER_FILE), `${process.pid}\n`);
  const children: ChildProcess[] = [];
  live.set(dir, children);
  const stop = () => stopServer(dir, children);
  try {
    const monPort = await freePort();
    let rgwPort = await freePort();
    while (rgwPort === monPort) rgwPort = await freePort();
    const fsid = randomUUID();
    const osdUuid = randomUUID();
    const conf = path.join(dir, 'ceph.conf');
    await writeFile(conf, toCephConf(dir, fsid, monPort, rgwPort, opts.settings ?? []));
    const c = ['-c', conf];
    mkdirSync(path.join(dir, 'osd.0'));
    await Promise.all([
      (async () => {
        await tool(dir, 'monmaptool', [
          '--create',
          '--fsid',
          fsid,
          '--addv',
          'a',
          `[v2:127.0.0.1:${monPort}]`,
          path.join(dir, 'monmap'),
        ]);
        await tool(dir, 'ceph-mon', [...c, '--mkfs', '-i', 'a', '--monmap', path.join(dir, 'monmap')]);
      })(),
      // without --no-mon-config, mkfs waits for a monitor
      tool(dir, 'ceph-osd', [...c, '--no-mon-config', '--mkfs', '-i', '0', '--osd-uuid', osdUuid]),
    ]);
    const started = Date.now();
    children.push(daemon(dir, 'ceph-mon', [...c, '-f', '-i', 'a']));
    // The OSD is placed in the CRUSH map by hand (osd crush update on start = false): see the research note.
    // One `ceph` (Python, ~0.35 s to start) reads both commands from its standard input. It exits 0 even when a
    // command fails, so its error lines are looked for.
    const cephErrors = await tool(
      dir,
      'ceph',
      c,
      `osd new ${osdUuid} 0\nosd crush add osd.0 1.0 root=default\n`,
    );
    if (/^Error |no valid command/m.test(cephErrors))
      throw new Error(`ceph osd new / crush add: ${cephErrors}`);
    children.push(daemon(dir, 'ceph-osd', [...c, '-f', '-i', '0']));
    children.push(daemon(dir, 'radosgw', [...c, '-f', '-n', 'client.rgw']));
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    while (!(await answers(endpoint))) {
      const dead = children.find((child) => !isRunning(child));
      if (dead !== undefined)
        throw new Error(`${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode})`);
      if (Date.now() - started > START_TIMEOUT_MS)
        throw new Error(`S3 did not answer in ${START_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
    const accessKeyId = randomKey(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    const secretAccessKey = randomKey(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    const user = ['--uid', 'sidecars-test', '--display-name', 'sidecars test'];
    const keys = ['--access-key', accessKeyId, '--secret-key', secretAccessKey];
    await tool(dir, 'radosgw-admin', [...c, 'user', 'create', ...user, ...keys]);
    const pids = children.map((child) => child.pid ?? -1);
    return { endpoint, accessKeyId, secretAccessKey, region: REGION, pids, dir, stop };
  } catch (error) {
    const logs = readLogTails(dir);
    await stop();
    throw new Error(`radosgw did not start: ${(error as Error).message}\n${logs}`, { cause: error });
  }
}

function toCephConf(
  dir: string,
  fsid: string,
  monPort: number,
  rgwPort: number,
  extra: Array<[string, string | number]>,
): string {
  const settings: Array<[string, string | number]> = [
    ['fsid', fsid],
    ['mon host', `v2:127.0.0.1:${monPort}`],
    ['public addr', '127.0.0.1'],
    ['cluster addr', '127.0.0.1'],
    ['ms bind msgr1', 'false'],
    ['ms bind ipv6', 'false'],
    ['auth cluster required', 'none'],
    ['auth service required', 'none'],
    ['auth client required', 'none'],
    // radosgw asks for a "secure" mon connection by default, which auth none cannot give (-13 EACCES, forever)
    ['ms mon client mode', 'crc'],
    ['run dir', dir],
    ['crash dir', path.join(dir, 'crash')],
    ['admin socket', path.join(dir, '$name.asok')],
    ['log file', path.join(dir, '$name.log')],
    ['mon cluster log file', path.join(dir, 'cluster.log')],
    ['pid file', path.join(dir, '$name.pid')],
    ['mon data', path.join(dir, '$name')],
    ['osd data', path.join(dir, '$name')],
    ['rgw data', path.join(dir, '$name')],
    ['osd objectstore', 'memstore'],
    ['osd pool default size', 1],
    ['osd pool default min size', 1],
    ['osd pool default pg num', 1],
    ['osd pool default pgp num', 1],
    ['osd pool default pg autoscale mode', 'off'],
    ['mon allow pool size one', 'true'],
    ['mon warn on pool no redundancy', 'false'],
    ['osd crush chooseleaf type', 0],
    ['osd crush update on start', 'false'],
    ['paxos propose interval', 0.05],
    ['rgw frontends', `beast endpoint=127.0.0.1:${rgwPort}`],
    ['rgw thread pool size', 16],
    ...extra,
  ];
  return `[global]\n${settings.map(([key, value]) => `${key} = ${value}\n`).join('')}`;
}

/** Runs a setup command and returns its stderr; its failure (or time-out) carries the end of that stderr. */
async function tool(dir: string, file: string, args: string[], input = ''): Promise<string> {
  const running = run(file, args, { cwd: dir, timeout: TOOL_TIMEOUT_MS });
  running.child.stdin?.end(input);
  try {
    return (await running).stderr;
  } catch (error) {
    const {
      stderr = '',
      killed = false,
      code,
    } = error as { stderr?: string; killed?: boolean; code?: unknown };
    if (code === 'ENOENT') throw new Error(toMissingText(file), { cause: error });
    const why = killed ? `timed out after ${TOOL_TIMEOUT_MS} ms` : 'failed';
    const tail = stderr.trim().split('\n').slice(-5).join('\n');
    throw new Error(`${file} ${args.slice(2).join(' ')} ${why}: ${tail}`, { cause: error });
  }
}

/** One line naming the commands the machine lacks, and what installs them. */
function toMissingText(commands: string): string {
  return `radosgw cannot start: ${commands} not installed. npm test installs the Debian packages when run as root; bash ${SETUP_SCRIPT} prints the apt-get line.`;
}

function isOnPath(command: string): boolean {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => dir !== '');
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A daemon in the foreground (-f), its output in dir/<file>.out; unref'd so it never holds the test process. */
function daemon(dir: string, file: string, args: string[]): ChildProcess {
  const out = openSync(path.join(dir, `${file}.out`), 'a');
  try {
    const child = spawn(file, args, { cwd: dir, stdio: ['ignore', out, out] });
    // a spawn failure shows as the daemon having exited, with the log tails; a missing command says so in its .out
    child.on('error', (error: NodeJS.ErrnoException) => {
      const text = error.code === 'ENOENT' ? toMissingText(file) : error.message;
      appendFileSync(path.join(dir, `${file}.out`), `${text}\n`);
    });
    child.unref();
    if (child.pid !== undefined) appendFileSync(path.join(dir, PIDS_FILE), `${child.pid}\n`);
    return child;
  } finally {
    closeSync(out);
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** True once anything answers HTTP at endpoint (radosgw opens its port only after its pools exist). */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(endpoint, { method: 'HEAD', timeout: TOOL_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function randomKey(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The last lines of every daemon log and output file in dir, for a start failure's message. */
function readLogTails(dir: string): string {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => /\.(log|out)$/.test(name));
  } catch {
    return '(no logs: the temp dir is gone)';
  }
  return files
    .map((name) => [name, readText(path.join(dir, name)).trimEnd()] as const)
    .filter(([, text]) => text !== '')
    .map(([name, text]) => {
      const lines = text.split('\n').slice(-LOG_TAIL_LINES);
      return `--- ${name} (last ${lines.length} lines)\n${lines.join('\n')}`;
    })
    .join('\n');
}

async function stopServer(dir: string, children: ChildProcess[]): Promise<void> {
  // One at a time, in reverse start order: radosgw unregisters its watches on the OSD, and the OSD tells the
  // monitor it is going down; either one hangs until SIGKILL if the daemon it talks to is already gone.
  for (const child of [...children].reverse()) await stopChild(child);
  live.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (isRunning(child)) child.kill('SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isRunning(child) && Date.now() < deadline) await sleep(POLL_MS);
  if (isRunning(child)) child.kill('SIGKILL');
  while (isRunning(child)) await sleep(POLL_MS);
}

let exitCleanupInstalled = false;

/** On exit or a fatal signal, SIGKILL every daemon not yet stopped and remove its dir, synchronously. */
function installExitCleanup(): void {
  if (exitCleanupInstalled) return;
  exitCleanupInstalled = true;
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAllSync();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function killAllSync(): void {
  for (const [dir, children] of live) {
    for (const child of children.filter(isRunning)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/**
 * Dirs left by a test process that died without its exit handler (SIGKILL): kill the daemons they recorded (only
 * if a pid still runs a command that names that dir) and remove them.
 */
function sweepOrphans(): void {
  for (const name of readdirSync(os.tmpdir()).filter((entry) => entry.startsWith(DIR_PREFIX))) {
    const dir = path.join(os.tmpdir(), name);
    const owner = Number(readText(path.join(dir, OWNER_FILE)));
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue;
    for (const pid of readText(path.join(dir, PIDS_FILE)).split('\n').filter(Boolean).map(Number)) {
      if (readText(`/proc/${pid}/cmdline`).includes(dir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    }
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
