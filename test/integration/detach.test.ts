// `sidecars run --detach [--wait]`, `sidecars stop`, `sidecars logs`: a real droplet, real processes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import type { RuntimeConfig, RuntimeSidecar } from '../../src/config/runtime-config.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, isAlive, readPids } from '../helpers/pids.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 60_000 };
const WEB = `node ${proc('http-server.cjs')}`;
const AGENT: RuntimeSidecar = {
  name: 'agent',
  command: proc('sleep-forever.sh'),
  memoryMb: 32,
  sidecarFor: ['web'],
};

interface Detached {
  droplet: string;
  pidsFile: string;
  mark: string;
  dir: string;
}

async function makeRunDroplet(t: TestContext, sidecars: RuntimeSidecar[]): Promise<Detached> {
  const { dir, pidsFile } = await makeScratch(t, 'detach');
  const config: RuntimeConfig = runtimeConfig(sidecars);
  const droplet = makeDroplet(path.join(dir, 'droplet'), {
    startCommand: WEB,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
  return { droplet, pidsFile, mark: path.basename(dir), dir };
}

async function sidecars(args: string[]) {
  const cli = startSidecars(args, { env: {} });
  const { code } = await cli.exited;
  return { code, stdout: cli.lines.join('\n'), stderr: cli.stderr.join('\n') };
}

async function detach(run: Detached, flags: string[]) {
  const port = await freePort();
  return sidecars([
    'run',
    run.droplet,
    '--detach',
    ...flags,
    '--port',
    String(port),
    '--grace-ms',
    '2000',
    '--env',
    `PIDS_FILE=${run.pidsFile}`,
    '--env',
    `MARK=${run.mark}`,
  ]);
}

function toRunPid(text: string): number {
  const match = /pid (\d+), state API (\S+), records (\S+)/.exec(text);
  assert.ok(match !== null, `no pid, address and records dir in: ${text}`);
  return Number(match[1]);
}

test(
  'run --detach --wait returns once all are healthy; stop exits 0 and leaves nothing',
  TIMEOUT,
  async (t) => {
    const run = await makeRunDroplet(t, [AGENT]);
    const started = await detach(run, ['--wait=30']);
    assert.equal(started.code, 0, started.stderr);
    const records = path.join(run.droplet, 'tmp', 'run-records');
    assert.match(
      started.stdout,
      new RegExp(
        `^sidecars run: healthy \\(web, sidecars-web, sidecars-web/agent\\): pid \\d+, state API unix:${run.droplet}/tmp/.sidecars-run.sock, records ${records}$`,
      ),
    );
    const runPid = toRunPid(started.stdout);
    assert.ok(isAlive(runPid));
    const pids = readPids(run.pidsFile);
    assert.equal(pids.length, 2, 'web and agent are running'); // web, agent
    assert.deepEqual(pids.filter(isAlive), pids);

    const again = await detach(run, []);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      new RegExp(
        `^sidecars run: another sidecars run \\(pid ${runPid} \\(sidecars run\\)\\) is running the droplet`,
      ),
    );

    const logs = await sidecars(['logs', run.droplet, 'web']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.ok(
      logs.stdout.split('\n').every((l) => l.startsWith('[APP/PROC/WEB/0] ')),
      logs.stdout,
    );
    assert.match(logs.stdout, /web listening on \d+/);
    const follow = startSidecars(['logs', run.droplet, 'sidecars-web', '--follow'], { env: {} });

    const stopped = await sidecars(['stop', run.droplet]);
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /^sidecars stop: stopped; every process was running until then/);
    assert.ok(existsSync(path.join(records, 'finished.json')));
    assert.equal((await follow.exited).code, 0, 'logs --follow ends with the run');
    assert.ok(follow.lines.length > 0);
    assert.ok(
      follow.lines.every((l) => l.startsWith('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] ')),
      follow.text(),
    );
    assert.ok(follow.lines.includes('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping'), follow.text());
    const unknown = await sidecars(['logs', run.droplet, 'nope']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /the run has no process nope; its processes: web, sidecars-web/);
    await assertNothingLeft(run.mark, [runPid, ...pids]);
  },
);

test(
  'a sidecar that never becomes healthy: --wait exits 1 naming it and stops the run',
  TIMEOUT,
  async (t) => {
    const unused = await freePort();
    const never = { ...AGENT, healthCheck: healthCheck({ type: 'port', port: unused, timeoutMs: 120_000 }) };
    const run = await makeRunDroplet(t, [never]);
    const started = await detach(run, ['--wait=4']);
    assert.equal(started.code, 1, started.stderr);
    assert.match(
      started.stderr,
      /^sidecars run: not healthy within 4 s: sidecars-web\/agent \(running, health (unknown|failing)\)$/m,
    );
    assert.match(
      started.stderr,
      /^sidecars run: not healthy in time: stopped the run \(pid \d+\): received SIGTERM: stopped 2 process\(es\)$/m,
    );
    const runPid = Number(/stopped the run \(pid (\d+)\)/.exec(started.stderr)?.[1]);
    await assertNothingLeft(run.mark, [runPid, ...readPids(run.pidsFile)]);

    const kept = await detach(run, ['--wait=4', '--keep']);
    assert.equal(kept.code, 1, kept.stderr);
    assert.match(kept.stderr, /--keep: still running: pid (\d+)/);
    const keptPid = toRunPid(kept.stderr);
    assert.ok(isAlive(keptPid));
    const stopped = await sidecars(['stop', run.droplet]);
    assert.equal(stopped.code, 0, stopped.stderr);
    await assertNothingLeft(run.mark, [keptPid, ...readPids(run.pidsFile)]);
  },
);

test('Ctrl-C while --wait waits: the run is stopped, exit 130', TIMEOUT, async (t) => {
  const unused = await freePort();
  const never = { ...AGENT, healthCheck: healthCheck({ type: 'port', port: unused, timeoutMs: 120_000 }) };
  const run = await makeRunDroplet(t, [never]);
  const port = await freePort();
  const cli = startSidecars(
    ['run', run.droplet, '--detach', '--wait', '--port', String(port), '--env', `MARK=${run.mark}`],
    { env: {} },
  );
  const detached = path.join(run.droplet, 'tmp', '.sidecars-detached.json');
  await waitFor('the run to start', () => existsSync(detached), 10_000);
  const runPid = (JSON.parse(readFileSync(detached, 'utf8')) as { pid: number }).pid;
  cli.child.kill('SIGINT');
  assert.equal((await cli.exited).code, 130, cli.text());
  assert.match(
    cli.stderr.join('\n'),
    /^sidecars run: SIGINT while waiting: stopped the run \(pid \d+\): received SIGTERM/m,
  );
  await assertNothingLeft(run.mark, [runPid]);
});

test('a sidecar crashing during the tests: stop exits with the run code', TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'crash-flag');
  const flag = path.join(dir, 'crash');
  const crasher = { ...AGENT, command: `while [ ! -e ${flag} ]; do sleep 0.1; done; exit 3` };
  const run = await makeRunDroplet(t, [crasher]);
  const started = await detach(run, ['--wait=30']);
  assert.equal(started.code, 0, started.stderr);
  const runPid = toRunPid(started.stdout);
  writeFileSync(flag, '');
  await waitFor('the run to end', () => !isAlive(runPid), 20_000);
  const stopped = await sidecars(['stop', run.droplet]);
  assert.equal(stopped.code, 3, stopped.stderr);
  assert.match(
    stopped.stderr,
    /the run had ended before stop \(FAILURE, exit code 3\): agent exited with code 3/,
  );
  await assertNothingLeft(run.mark, [runPid, ...readPids(run.pidsFile)]);
});

test('a sidecar crashing at start: --wait exits with the run code and says so', TIMEOUT, async (t) => {
  const unused = await freePort();
  const crasher = {
    ...AGENT,
    command: `${proc('exit-with.sh')} 4 0.5`,
    healthCheck: healthCheck({ type: 'port', port: unused, timeoutMs: 120_000 }),
  };
  const run = await makeRunDroplet(t, [crasher]);
  const started = await detach(run, ['--wait=30']);
  assert.equal(started.code, 4, started.stderr);
  assert.match(
    started.stderr,
    /^sidecars run: the run ended before every process was healthy \(exit code 4\): agent exited with code 4/,
  );
  await assertNothingLeft(run.mark, readPids(run.pidsFile));
});

test('a run SIGKILLed before stop: stop says so, exits 1 and stops what it left', TIMEOUT, async (t) => {
  const run = await makeRunDroplet(t, [AGENT]);
  const started = await detach(run, ['--wait=30']);
  assert.equal(started.code, 0, started.stderr);
  const runPid = toRunPid(started.stdout);
  const pids = readPids(run.pidsFile);
  process.kill(runPid, 'SIGKILL');
  await waitFor('the run to die', () => !isAlive(runPid), 5_000);
  assert.ok(pids.some(isAlive), 'its processes outlive a SIGKILLed run');
  const stopped = await sidecars(['stop', run.droplet]);
  assert.equal(stopped.code, 1, stopped.stderr);
  assert.match(
    stopped.stderr,
    /^sidecars stop: the run \(pid \d+\) was killed before stop: it left no finished.json in .*; stopped what it left running \(pids [\d ]+\)$/m,
  );
  await assertNothingLeft(run.mark, [runPid, ...pids]);
});

test('a run still running after stop --timeout: SIGKILL to its whole tree, said so', TIMEOUT, async (t) => {
  const stubborn = { ...AGENT, command: proc('ignore-term.sh') };
  const run = await makeRunDroplet(t, [stubborn]);
  const started = await detach(run, ['--wait=30', '--grace-ms', '30000']);
  assert.equal(started.code, 0, started.stderr);
  const runPid = toRunPid(started.stdout);
  const stopped = await sidecars(['stop', run.droplet, '--timeout', '2']);
  assert.equal(stopped.code, 1, stopped.stderr);
  assert.match(
    stopped.stderr,
    new RegExp(
      `^sidecars stop: the run \\(pid ${runPid}\\) was still running 2 s after SIGTERM: killed it and its whole tree with SIGKILL \\(pids [\\d ]+\\); it wrote no finished.json$`,
      'm',
    ),
  );
  await assertNothingLeft(run.mark, [runPid, ...readPids(run.pidsFile)]);
});

test('stop without a detached run: exit 1 and a clear message', TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'no-run');
  const stopped = await sidecars(['stop', dir]);
  assert.equal(stopped.code, 1);
  assert.equal(
    stopped.stderr,
    `sidecars stop: no detached run of ${dir} (no ${dir}/tmp/.sidecars-detached.json)\nStart one with \`sidecars run DROPLET_DIR --detach\`.`,
  );
});
