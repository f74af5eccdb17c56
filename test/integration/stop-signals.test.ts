// SIGTERM/SIGINT before supervision starts (src/supervisor/core/stop-signals.ts): the CLI holds them
// from its first statement, so a signal that arrives while it parses argv, reads its config,
// opens the state API or writes started.json ends the run ABORTED, with its records, exit 128+signo.
// Node's own start-up, before the CLI's first statement, is out of reach; these tests signal the
// CLI once it is provably running: while it reads a config (or droplet) file that is a named pipe.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import type { FinishedRecord, StartedRecord } from '../../src/supervisor/records/records.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { makeFifo, waitForReader } from '../helpers/fifo.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft } from '../helpers/pids.js';
import { readArtifacts } from '../helpers/records.js';
import { readEvents, type RunningCli, SIDECARS_JS } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const SWEEP_TIMEOUT = { timeout: 180_000 };
/** In the environment of everything a test starts (the CLI passes it on): finds them all at the end. */
const MARK = 'SIDECARS_TEST_MARK';
/** When the sweeps signal, after the CLI has its config: from parsing it to supervision under way. */
const SWEEP_DELAYS_MS = [0, 1, 2, 5, 10, 20, 40, 80, 160, 320];
const IDLER = 'echo sleeping; exec sleep 1000';

function sidecar(name: string, command = IDLER) {
  return { name, command, memoryMb: 32, sidecarFor: ['web'] };
}

/** What finished.json says of a process that never started. */
const NEVER_RAN = {
  exit_code: null,
  signal: null,
  reason: 'stopped',
  forced: false,
  peak_rss_mb: '<mb>',
  started_at: null,
  finished_at: '<t>',
  detail: null,
};

function aborted(signal: string, exitCode: number, processes: Record<string, unknown>) {
  const summary = `received ${signal}: stopped ${Object.keys(processes).length} process(es)`;
  return {
    timestamp: '<t>',
    passed: false,
    result: 'ABORTED',
    metadata: { exit_code: exitCode, cause: { signal }, summary, processes },
  };
}

function assertNothingStarted(cli: RunningCli): void {
  const events = readEvents(cli.lines).map((e) => String(e['event']));
  assert.ok(
    !events.some((e) => e === 'process.starting' || e === 'process.running'),
    `nothing may start: ${events.join(', ')}`,
  );
}

/** `sidecars exec` reading its config from a named pipe: resolves once it is reading it. */
async function startExec(t: TestContext, config: RuntimeConfig, extraArgs: (dir: string) => string[]) {
  const { dir } = await makeScratch(t, 'sig-exec');
  const configFile = path.join(dir, 'runtime-config.json');
  makeFifo(configFile);
  const artifacts = path.join(dir, 'artifacts');
  const args = ['exec', '--for', 'web', '--config', configFile, '--grace-ms', '2000', ...extraArgs(dir)];
  const cli = startCleaned(t, args, { env: { [MARK]: dir } });
  const write = await waitForReader(configFile, cli.exited);
  return { cli, configFile, artifacts, mark: dir, write: (text = JSON.stringify(config)) => write(text) };
}

/** `sidecars run` on a droplet whose staging_info.yml is a named pipe: resolves once it is reading it. */
async function startRun(t: TestContext) {
  const { dir } = await makeScratch(t, 'sig-run');
  const config = runtimeConfig([sidecar('agent')], { web: healthCheck({ type: 'process' }) });
  const droplet = makeDroplet(path.join(dir, 'droplet'), {
    startCommand: IDLER,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
  const stagingInfo = path.join(droplet, 'staging_info.yml');
  const stagingText = readFileSync(stagingInfo, 'utf8');
  rmSync(stagingInfo);
  makeFifo(stagingInfo);
  const artifacts = path.join(dir, 'artifacts');
  const port = String(await freePort());
  const args = ['run', droplet, '--port', port, '--grace-ms', '2000', '--env', `${MARK}=${dir}`];
  const cli = startCleaned(t, [...args, '--artifacts', artifacts], { env: { [MARK]: dir } });
  const write = await waitForReader(stagingInfo, cli.exited);
  return { cli, droplet, artifacts, mark: dir, write: () => write(stagingText) };
}

test(
  'exec: SIGTERM while it reads its config → nothing spawned, ABORTED records, exit 143',
  TIMEOUT,
  async (t) => {
    const config = runtimeConfig([sidecar('agent'), sidecar('gated', proc('sleep-forever.sh'))], {
      web: healthCheck({ type: 'port' }),
    });
    const exec = await startExec(t, config, (dir) => [
      '--status',
      `unix:${path.join(dir, 'status.sock')}`,
      '--artifacts',
      path.join(dir, 'artifacts'),
    ]);
    exec.cli.child.kill('SIGTERM');
    await exec.write();
    assert.deepEqual(await exec.cli.exited, { code: 143, signal: null });
    assertNothingStarted(exec.cli);
    assert.equal(exec.cli.stderr.at(-1), 'sidecars exec: received SIGTERM: stopped 2 process(es)');
    assert.deepEqual(readArtifacts(exec.artifacts), {
      'agent.exit': '1\n',
      'agent.log': '',
      'finished.json': aborted('SIGTERM', 143, { agent: NEVER_RAN, gated: NEVER_RAN }),
      'gated.exit': '1\n',
      'gated.log': '',
      'started.json': {
        timestamp: '<t>',
        metadata: {
          version: '0.1.0',
          mode: 'exec',
          config: exec.configFile,
          processes: [
            { name: 'agent', type: 'sidecar', command: IDLER, memory_limit_mb: 32 },
            { name: 'gated', type: 'sidecar', command: proc('sleep-forever.sh'), memory_limit_mb: 32 },
          ],
        },
      },
    });
    await assertNothingLeft(exec.mark, [], MARK);
  },
);

test(
  'run: SIGINT while it reads the droplet → nothing spawned, ABORTED records, exit 130',
  TIMEOUT,
  async (t) => {
    const run = await startRun(t);
    run.cli.child.kill('SIGINT');
    await run.write();
    assert.deepEqual(await run.cli.exited, { code: 130, signal: null });
    assertNothingStarted(run.cli);
    assert.equal(run.cli.stderr.at(-1), 'sidecars run: received SIGINT: stopped 2 process(es)');
    const records = readArtifacts(run.artifacts);
    assert.deepEqual(
      records['finished.json'],
      aborted('SIGINT', 130, { web: NEVER_RAN, 'sidecars-web': NEVER_RAN }),
    );
    assert.deepEqual(
      (records['started.json'] as StartedRecord).metadata.processes.map((p) => p.name),
      ['web', 'sidecars-web'],
    );
    assert.equal(records['web.exit'], '1\n');
    assert.equal(records['sidecars-web.exit'], '1\n');
    await assertNothingLeft(run.mark, [], MARK);
  },
);

test(
  'exec: a SIGTERM that no supervision took (a config error, no --artifacts) still ends it with 143',
  TIMEOUT,
  async (t) => {
    // as for a signal while it parses argv: nothing supervises it, yet it decides the exit code
    const exec = await startExec(t, runtimeConfig([sidecar('agent')]), () => []);
    exec.cli.child.kill('SIGTERM');
    await exec.write('{"version": 1}');
    assert.deepEqual(await exec.cli.exited, { code: 143, signal: null });
    assert.match(
      exec.cli.stderr[0] ?? '',
      /^sidecars exec: .* is not a runtime config this supervisor understands/,
    );
    assert.ok(!existsSync(exec.artifacts));
    await assertNothingLeft(exec.mark, [], MARK);
  },
);

/** The records of a run stopped by `signal`, whenever it came: ABORTED, every process stopped. */
function assertAbortedRecords(
  artifacts: string,
  signal: NodeJS.Signals,
  names: string[],
  exitCode = 143,
): number {
  const started = JSON.parse(readFileSync(path.join(artifacts, 'started.json'), 'utf8')) as StartedRecord;
  assert.deepEqual(
    started.metadata.processes.map((p) => p.name),
    names,
  );
  const finished = JSON.parse(readFileSync(path.join(artifacts, 'finished.json'), 'utf8')) as FinishedRecord;
  assert.equal(finished.result, 'ABORTED');
  assert.equal(finished.passed, false);
  assert.equal(finished.metadata.exit_code, exitCode);
  assert.deepEqual(finished.metadata.cause, { signal });
  // a nested exec's sidecars follow it, as `<entry>/<name>`
  const own = Object.keys(finished.metadata.processes).filter((name) => !name.includes('/'));
  assert.deepEqual(own, names);
  let ran = 0;
  for (const [name, record] of Object.entries(finished.metadata.processes)) {
    assert.equal(record.reason, 'stopped', name);
    if (record.started_at === null) {
      assert.deepEqual([record.exit_code, record.signal, record.forced], [null, null, false], name);
    } else if (!name.includes('/')) {
      ran += 1;
    }
  }
  return ran;
}

test(
  'exec: SIGTERM at any point from its config read to supervision → 143, ABORTED records',
  SWEEP_TIMEOUT,
  async (t) => {
    const config = runtimeConfig([sidecar('agent'), sidecar('other')], {
      web: healthCheck({ type: 'process' }),
    });
    const ranPerDelay: string[] = [];
    for (const delayMs of SWEEP_DELAYS_MS) {
      const exec = await startExec(t, config, (dir) => [
        '--status',
        `unix:${path.join(dir, 'status.sock')}`,
        '--artifacts',
        path.join(dir, 'artifacts'),
      ]);
      await exec.write();
      await sleep(delayMs);
      exec.cli.child.kill('SIGTERM');
      assert.deepEqual(
        await exec.cli.exited,
        { code: 143, signal: null },
        `SIGTERM ${delayMs} ms after the config`,
      );
      ranPerDelay.push(
        `${delayMs} ms: ${assertAbortedRecords(exec.artifacts, 'SIGTERM', ['agent', 'other'])} ran`,
      );
      await assertNothingLeft(exec.mark, [], MARK);
    }
    t.diagnostic(ranPerDelay.join('; '));
  },
);

test(
  'run: SIGTERM at any point from its droplet read to supervision → 143, ABORTED records',
  SWEEP_TIMEOUT,
  async (t) => {
    const ranPerDelay: string[] = [];
    for (const delayMs of SWEEP_DELAYS_MS) {
      const run = await startRun(t);
      await run.write();
      await sleep(delayMs);
      run.cli.child.kill('SIGTERM');
      assert.deepEqual(
        await run.cli.exited,
        { code: 143, signal: null },
        `SIGTERM ${delayMs} ms after the droplet`,
      );
      ranPerDelay.push(
        `${delayMs} ms: ${assertAbortedRecords(run.artifacts, 'SIGTERM', ['web', 'sidecars-web'])} ran`,
      );
      await assertNothingLeft(run.mark, [], MARK);
    }
    t.diagnostic(ranPerDelay.join('; '));
  },
);

// SIGHUP: the terminal that started `sidecars run` was closed. The children run in sessions of
// their own, so only the supervisor gets it: it must stop them all as for SIGTERM, or they outlive
// it (and the next run finds the port taken).

test(
  'exec: SIGHUP while it reads its config → nothing spawned, ABORTED records, exit 129',
  TIMEOUT,
  async (t) => {
    const config = runtimeConfig([sidecar('agent')], { web: healthCheck({ type: 'process' }) });
    const exec = await startExec(t, config, (dir) => ['--artifacts', path.join(dir, 'artifacts')]);
    exec.cli.child.kill('SIGHUP');
    await exec.write();
    assert.deepEqual(await exec.cli.exited, { code: 129, signal: null });
    assertNothingStarted(exec.cli);
    assert.equal(exec.cli.stderr.at(-1), 'sidecars exec: received SIGHUP: stopped 1 process(es)');
    assert.deepEqual(
      readArtifacts(exec.artifacts)['finished.json'],
      aborted('SIGHUP', 129, { agent: NEVER_RAN }),
    );
    await assertNothingLeft(exec.mark, [], MARK);
  },
);

test('exec: SIGHUP while its sidecars run → every one stopped with SIGTERM, exit 129', TIMEOUT, async (t) => {
  const config = runtimeConfig([sidecar('agent'), sidecar('other')], {
    web: healthCheck({ type: 'process' }),
  });
  const exec = await startExec(t, config, (dir) => ['--artifacts', path.join(dir, 'artifacts')]);
  await exec.write();
  await waitFor(
    'both sidecars to run',
    () => exec.cli.lines.filter((l) => l.endsWith('sleeping')).length === 2,
  );
  exec.cli.child.kill('SIGHUP');
  assert.deepEqual(await exec.cli.exited, { code: 129, signal: null });
  assert.equal(assertAbortedRecords(exec.artifacts, 'SIGHUP', ['agent', 'other'], 129), 2);
  const finished = JSON.parse(
    readFileSync(path.join(exec.artifacts, 'finished.json'), 'utf8'),
  ) as FinishedRecord;
  assert.deepEqual(
    Object.values(finished.metadata.processes).map((p) => p.signal),
    ['SIGTERM', 'SIGTERM'],
    'the sidecars get SIGTERM, as on any stop',
  );
  await assertNothingLeft(exec.mark, [], MARK);
});

test(
  'run: SIGHUP while it reads the droplet → nothing spawned, ABORTED records, exit 129',
  TIMEOUT,
  async (t) => {
    const run = await startRun(t);
    run.cli.child.kill('SIGHUP');
    await run.write();
    assert.deepEqual(await run.cli.exited, { code: 129, signal: null });
    assertNothingStarted(run.cli);
    assert.equal(run.cli.stderr.at(-1), 'sidecars run: received SIGHUP: stopped 2 process(es)');
    assert.deepEqual(
      readArtifacts(run.artifacts)['finished.json'],
      aborted('SIGHUP', 129, { web: NEVER_RAN, 'sidecars-web': NEVER_RAN }),
    );
    await assertNothingLeft(run.mark, [], MARK);
  },
);

test(
  'run: SIGHUP while everything runs → web, the nested exec and its sidecar all stop; ABORTED, exit 129',
  TIMEOUT,
  async (t) => {
    const run = await startRun(t);
    await run.write();
    await waitFor("the nested exec's sidecar to run", () =>
      run.cli.lines.includes('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping'),
    );
    run.cli.child.kill('SIGHUP');
    assert.deepEqual(await run.cli.exited, { code: 129, signal: null });
    assert.equal(run.cli.stderr.at(-1), 'sidecars run: received SIGHUP: stopped 2 process(es)');
    assert.equal(assertAbortedRecords(run.artifacts, 'SIGHUP', ['web', 'sidecars-web'], 129), 2);
    // run stops the nested exec with SIGTERM (not SIGHUP): it stops its own sidecar, then ends
    const nested = readFileSync(path.join(run.artifacts, 'sidecars-web.log'), 'utf8');
    assert.match(nested, /"event":"supervisor\.finished","exitCode":143,/);
    assert.doesNotMatch(nested, /SIGHUP/);
    await assertNothingLeft(run.mark, [], MARK);
  },
);

/** util-linux `script`: runs a command on a pseudo-terminal of its own, as a terminal window does. */
const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

test(
  'run in a terminal that closes (real hangup: SIGHUP, then EIO on every write) → everything stops, ABORTED',
  { ...TIMEOUT, skip: HAS_SCRIPT ? false : 'no util-linux script(1) to make a terminal' },
  async (t) => {
    const { dir } = await makeScratch(t, 'sig-tty');
    const config = runtimeConfig([sidecar('agent')], { web: healthCheck({ type: 'process' }) });
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: IDLER,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const artifacts = path.join(dir, 'artifacts');
    const port = String(await freePort());
    const command = [SHIPPED_NODE, SIDECARS_JS, 'run', droplet, '--port', port, '--grace-ms', '2000']
      .concat(['--artifacts', artifacts])
      .map((word) => `'${word}'`)
      .join(' ');
    // the terminal: `script` holds its master side; SIGKILL it and the kernel hangs up the terminal
    const terminal = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { PATH: toShippedPath(), [MARK]: dir },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    t.after(() => terminal.kill('SIGKILL'));
    let screen = '';
    terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    await waitFor("the nested exec's sidecar to run", () =>
      screen.includes('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping'),
    );
    terminal.kill('SIGKILL');
    await waitFor('finished.json', () => existsSync(path.join(artifacts, 'finished.json')));
    assert.equal(assertAbortedRecords(artifacts, 'SIGHUP', ['web', 'sidecars-web'], 129), 2);
    await assertNothingLeft(dir, [], MARK);
  },
);
