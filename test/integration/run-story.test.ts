// `sidecars run` tells the whole story: its summary, finished.json, per-sidecar records, /state and
// `sidecars status` name the sidecars a nested `sidecars exec` supervises, not only the exec.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import type { FinishedRecord } from '../../src/supervisor/records/records.js';
import type { StateBody } from '../../src/supervisor/model/process-view.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, descendantPids, pidsWithEnv, readPids } from '../helpers/pids.js';
import { startStatus } from '../helpers/run-status.js';
import { type RunningCli } from '../helpers/run-sidecars.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 40_000 };
const WEB = `node ${proc('http-server.cjs')}`;
const IDLER = proc('sleep-forever.sh');
/** In the environment of everything a test starts: finds every descendant at the end. */
const MARK = 'SIDECARS_STORY_MARK';

function sidecar(name: string, command: string, memoryMb = 32) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

function ownDeps(config: RuntimeConfig) {
  return { idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config };
}

interface Run {
  cli: RunningCli;
  dir: string;
  artifacts: string;
  droplet: string;
  mark: string;
  allPids(): number[];
}

async function startRun(
  t: TestContext,
  deps: Array<ReturnType<typeof ownDeps>>,
  extraArgs: string[] = [],
): Promise<Run> {
  const { dir, pidsFile } = await makeScratch(t, 'story');
  const port = await freePort();
  const droplet = makeDroplet(path.join(dir, 'droplet'), { startCommand: WEB, deps });
  const artifacts = path.join(dir, 'artifacts');
  const mark = path.basename(dir);
  const args = ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--artifacts', artifacts];
  const env = ['--env', `PIDS_FILE=${pidsFile}`, '--env', `${MARK}=${mark}`];
  const cli = startCleaned(t, [...args, ...env, ...extraArgs], { env: {} });
  const seen = new Set<number>();
  const timer = setInterval(() => {
    for (const pid of descendantPids(cli.pid)) seen.add(pid);
  }, 20);
  t.after(() => clearInterval(timer));
  const allPids = (): number[] => {
    clearInterval(timer);
    return [cli.pid, ...seen, ...readPids(pidsFile)];
  };
  return { cli, dir, artifacts, droplet, mark, allPids };
}

async function assertAllGone(run: Run): Promise<void> {
  const pids = run.allPids();
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
  assert.deepEqual(pidsWithEnv(MARK, run.mark), [], 'no process carrying the mark is left');
}

function readFinished(dir: string): FinishedRecord {
  return JSON.parse(readFileSync(path.join(dir, 'finished.json'), 'utf8')) as FinishedRecord;
}

for (const layout of ['grouped', 'per-sidecar'] as const) {
  test(
    `${layout}: a sidecar exiting 3 is named in the summary, finished.json and its own records`,
    TIMEOUT,
    async (t) => {
      const config = runtimeConfig(
        [sidecar('crasher', `${proc('exit-with.sh')} 3 0.5`), sidecar('idler', IDLER)],
        { web: healthCheck() },
        layout,
      );
      const run = await startRun(t, [ownDeps(config)]);
      assert.deepEqual(await run.cli.exited, { code: 3, signal: null });
      const entry = layout === 'grouped' ? 'sidecars-web' : 'crasher';
      const summary =
        layout === 'grouped'
          ? 'crasher exited with code 3 (sidecars-web); stopped 2 other process(es)'
          : 'crasher exited with code 3; stopped 2 other process(es)';
      assert.equal(run.cli.stderr.at(-1), `sidecars run: ${summary}`);
      const finished = readFinished(run.artifacts);
      assert.equal(finished.metadata.exit_code, 3);
      assert.deepEqual(finished.metadata.cause, { process: 'crasher', entry });
      assert.equal(finished.metadata.summary, summary);
      const crasher = finished.metadata.processes[`${entry}/crasher`];
      assert.equal(crasher?.exit_code, 3);
      assert.equal(crasher?.reason, 'exited');
      // every sidecar has its own .log and .exit, in its entry's dir, beside run's own files
      const nested = path.join(run.artifacts, entry);
      assert.equal(readFileSync(path.join(nested, 'crasher.log'), 'utf8'), 'exiting with 3\n');
      assert.equal(readFileSync(path.join(nested, 'crasher.exit'), 'utf8'), '3\n');
      assert.deepEqual(readFinished(nested).metadata.cause, { process: 'crasher' });
      assert.ok(existsSync(path.join(run.artifacts, 'web.log')));
      assert.ok(existsSync(path.join(run.artifacts, `${entry}.log`)));
      if (layout === 'grouped') {
        assert.equal(readFileSync(path.join(nested, 'idler.exit'), 'utf8'), '143\n');
        assert.equal(finished.metadata.processes['sidecars-web/idler']?.reason, 'stopped');
      } else {
        const idler = path.join(run.artifacts, 'idler');
        assert.equal(readFileSync(path.join(idler, 'idler.exit'), 'utf8'), '143\n');
        assert.equal(finished.metadata.processes['idler/idler']?.reason, 'stopped');
      }
      await assertAllGone(run);
    },
  );
}

test('a memory kill inside the nested exec is named in the summary', TIMEOUT, async (t) => {
  const hog = `STEP_MB=16 STEP_MS=100 node ${proc('grow-rss.cjs')} & wait`;
  const config = runtimeConfig([sidecar('hog', hog, 80), sidecar('idler', IDLER)]);
  const run = await startRun(t, [ownDeps(config)]);
  assert.deepEqual(await run.cli.exited, { code: 137, signal: null });
  assert.match(
    run.cli.stderr.at(-1) ?? '',
    /^sidecars run: hog was killed: hog exceeded its memory limit: \d+ MB > 80 MB \(.*\) \(sidecars-web\); stopped 2 other process\(es\)$/,
  );
  const finished = readFinished(run.artifacts);
  assert.deepEqual(finished.metadata.cause, { process: 'hog', entry: 'sidecars-web' });
  assert.equal(finished.metadata.processes['sidecars-web/hog']?.reason, 'oom');
  assert.match(
    finished.metadata.processes['sidecars-web/hog']?.detail ?? '',
    /^hog exceeded its memory limit/,
  );
  assert.equal(readFileSync(path.join(run.artifacts, 'sidecars-web', 'hog.exit'), 'utf8'), '137\n');
  await assertAllGone(run);
});

test('two launch.yml entries with a sidecar of the same name: records cannot collide', TIMEOUT, async (t) => {
  // one buildpack's grouped entry and another's per-sidecar entry, both running an "agent"
  const grouped = runtimeConfig([sidecar('agent', `echo grouped; exec ${IDLER}`)]);
  const perSidecar = {
    ...runtimeConfig(
      [sidecar('agent', `echo per-sidecar; ${proc('exit-with.sh')} 5 0.5`)],
      undefined,
      'per-sidecar',
    ),
    depsIdx: '1',
  };
  const run = await startRun(t, [ownDeps(grouped), ownDeps(perSidecar)]);
  assert.deepEqual(await run.cli.exited, { code: 5, signal: null });
  assert.equal(run.cli.stderr.at(-1), 'sidecars run: agent exited with code 5; stopped 2 other process(es)');
  const finished = readFinished(run.artifacts);
  assert.deepEqual(finished.metadata.cause, { process: 'agent', entry: 'agent' });
  assert.deepEqual(Object.keys(finished.metadata.processes).sort(), [
    'agent',
    'agent/agent',
    'sidecars-web',
    'sidecars-web/agent',
    'web',
  ]);
  assert.equal(readFileSync(path.join(run.artifacts, 'agent', 'agent.exit'), 'utf8'), '5\n');
  assert.match(readFileSync(path.join(run.artifacts, 'agent', 'agent.log'), 'utf8'), /^per-sidecar\n/);
  assert.equal(readFileSync(path.join(run.artifacts, 'sidecars-web', 'agent.exit'), 'utf8'), '143\n');
  assert.match(readFileSync(path.join(run.artifacts, 'sidecars-web', 'agent.log'), 'utf8'), /^grouped\n/);
  await assertAllGone(run);
});

for (const layout of ['grouped', 'per-sidecar'] as const) {
  test(
    `${layout}: /state and sidecars status list the nested sidecars while they run`,
    TIMEOUT,
    async (t) => {
      const config = runtimeConfig(
        [sidecar('alpha', IDLER), sidecar('beta', IDLER)],
        { web: healthCheck() },
        layout,
      );
      const { dir } = await makeScratch(t, 'story-sock');
      const socket = path.join(dir, 'run.sock');
      const run = await startRun(t, [ownDeps(config)], ['--status', `unix:${socket}`]);
      const rows = (name: string) => (layout === 'grouped' ? `sidecars-web/${name}` : `${name}/${name}`);
      const status = (args: string[]) => startStatus(['--status', `unix:${socket}`, ...args], {});
      let body: StateBody | null = null;
      await waitFor(
        'both nested sidecars running, with a memory sample',
        async () => {
          const json = status(['--json']);
          if ((await json.exited) !== 0) return false;
          body = (JSON.parse(json.stdout.join('\n')) as { supervisors: StateBody[] }).supervisors[0] ?? null;
          return ['alpha', 'beta'].every((name) => {
            const row = body?.processes[rows(name)];
            return row?.state === 'running' && row.rss_mb !== null;
          });
        },
        15_000,
      );
      const names = Object.keys((body as StateBody | null)?.processes ?? {});
      const expected =
        layout === 'grouped'
          ? ['web', 'sidecars-web', 'sidecars-web/alpha', 'sidecars-web/beta']
          : ['web', 'alpha', 'alpha/alpha', 'beta', 'beta/beta'];
      assert.deepEqual(names, expected);
      const table = status([]);
      assert.equal(await table.exited, 0);
      for (const name of ['alpha', 'beta']) {
        const line = table.stdout.find((l) => l.startsWith(`${rows(name)} `)) ?? '';
        assert.match(line, new RegExp(`^${rows(name)}\\s+running\\s+-\\s+[\\d.]+ / 32 MB\\s+0\\s+-$`));
      }
      run.cli.child.kill('SIGTERM');
      assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
      assert.equal(run.cli.stderr.at(-1), 'sidecars run: received SIGTERM: stopped 3 process(es)');
      await assertAllGone(run);
    },
  );
}

test(
  'without --artifacts: the same summary, the nested records in a temp dir removed at the end, no variable leaks',
  TIMEOUT,
  async (t) => {
    const crasher = `echo "nested=\${SIDECARS_NESTED-unset}"; exec ${proc('exit-with.sh')} 3 0.5`;
    const config = runtimeConfig([sidecar('crasher', crasher)]);
    const { dir, pidsFile } = await makeScratch(t, 'story-tmp');
    const port = await freePort();
    const droplet = makeDroplet(path.join(dir, 'droplet'), { startCommand: WEB, deps: [ownDeps(config)] });
    const tmp = path.join(dir, 'tmp');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tmp);
    const args = [
      'run',
      droplet,
      '--port',
      String(port),
      '--grace-ms',
      '2000',
      '--env',
      `PIDS_FILE=${pidsFile}`,
    ];
    const cli = startCleaned(t, args, { env: { TMPDIR: tmp } });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    assert.equal(
      cli.stderr.at(-1),
      'sidecars run: crasher exited with code 3 (sidecars-web); stopped 1 other process(es)',
    );
    assert.deepEqual(readdirSync(tmp), [], "nothing in the shell's TMPDIR");
    assert.ok(!existsSync(path.join(droplet, 'tmp', '.sidecars-nested')), 'the nested records are removed');
    // the nested exec's sidecars see exactly the platform's environment
    assert.ok(cli.lines.includes('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT nested=unset'), cli.text());
    await waitFor('every pid gone', () => alivePids([cli.pid, ...readPids(pidsFile)]).length === 0, 5_000);
  },
);
