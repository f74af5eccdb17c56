// Issue 12: a sidecar's own health check, its restart policy and budget, `sidecars restart NAME`,
// on real processes under a real `sidecars exec`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { realClock } from '../../src/common/clock.js';
import { createEventBus } from '../../src/supervisor/model/events.js';
import type { SupervisorHandle } from '../../src/supervisor/core/policy.js';
import { startStatusServer } from '../../src/supervisor/api/api.js';
import type { HealthCheck, RuntimeSidecar } from '../../src/config/runtime-config.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { httpGet } from '../helpers/http-client.js';
import { alivePids, isAlive, readPids } from '../helpers/pids.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { makeTempDir } from '../helpers/tmp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 40_000 };
/** How late a restart may come after its back-off (spawn, bash, a busy shared machine). */
const LATE_MS = 750;
const PROCESS_GATE = { web: healthCheck({ type: 'process' }) };

function sidecar(name: string, command: string, extra: Partial<RuntimeSidecar> = {}): RuntimeSidecar {
  return { name, command, memoryMb: 64, sidecarFor: ['web'], ...extra };
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

function readFinished(dir: string): {
  metadata: { exit_code: number; processes: Record<string, Record<string, unknown>> };
} {
  return JSON.parse(readFileSync(path.join(dir, 'finished.json'), 'utf8')) as ReturnType<typeof readFinished>;
}

function eventsOf(lines: readonly string[], event: string, name: string): Array<Record<string, unknown>> {
  return readEvents(lines).filter((e) => e['event'] === event && e['proc'] === name);
}

test(
  'a crash loop: restarts after 1 s, 2 s, 4 s, then max_restarts 3 spent: exit 3, restart_budget_exhausted, every restart recorded; the other sidecar runs on',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'restart-loop');
    const starts = path.join(dir, 'starts');
    const artifacts = path.join(dir, 'artifacts');
    const crasher = `date +%s%3N >> ${starts}; exec ${proc('exit-with.sh')} 3`;
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('crasher', crasher, { restart: { policy: 'on-failure', maxRestarts: 3 } }),
          sidecar('idler', proc('sleep-forever.sh')),
        ],
        PROCESS_GATE,
      ),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
      env: { PIDS_FILE: pidsFile },
    });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const startTimes = readFileSync(starts, 'utf8').trim().split('\n').map(Number);
    assert.equal(startTimes.length, 4, 'the first run and 3 restarts');
    const gaps = startTimes.slice(1).map((at, i) => at - (startTimes[i] ?? 0));
    t.diagnostic(`start-to-start gaps: ${gaps.join(', ')} ms (curve: 1000, 2000, 4000 ms)`);
    [1_000, 2_000, 4_000].forEach((delayMs, i) => {
      const gap = gaps[i] ?? 0;
      assert.ok(
        gap >= delayMs - 5 && gap <= delayMs + LATE_MS,
        `restart ${i + 1}: ${gap} ms, curve ${delayMs} ms`,
      );
    });
    const restarting = eventsOf(cli.lines, 'process.restarting', 'crasher');
    assert.deepEqual(
      restarting.map((e) => [e['attempt'], e['delayMs'], e['exitCode'], e['reason']]),
      [
        [1, 1_000, 3, 'exited'],
        [2, 2_000, 3, 'exited'],
        [3, 4_000, 3, 'exited'],
      ],
    );
    assert.equal(eventsOf(cli.lines, 'restart.budget_exhausted', 'crasher').length, 1);
    assert.equal(eventsOf(cli.lines, 'process.running', 'idler').length, 1, 'the idler was never restarted');
    assert.equal(cli.lines.filter((line) => line === '[idler] sleeping').length, 1);
    const finished = readFinished(artifacts);
    assert.equal(finished.metadata.exit_code, 3);
    const record = finished.metadata.processes['crasher'] ?? {};
    assert.equal(record['reason'], 'restart_budget_exhausted');
    assert.equal(record['exit_code'], 3);
    assert.deepEqual(
      (record['restarts'] as Array<Record<string, unknown>>).map((r) => [
        r['exit_code'],
        r['signal'],
        r['reason'],
        r['delay_ms'],
        typeof r['at'],
      ]),
      [
        [3, null, 'exited', 1_000, 'number'],
        [3, null, 'exited', 2_000, 'number'],
        [3, null, 'exited', 4_000, 'number'],
      ],
    );
    assert.equal(finished.metadata.processes['idler']?.['reason'], 'stopped');
    assert.match(
      cli.stderr.join('\n'),
      /crasher was not restarted again: restarted 3 time\(s\), max_restarts 3 spent; its last run exited with code 3/,
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'a hung sidecar (accepts TCP, never answers HTTP): liveness fails failure_threshold times, its tree is stopped, it runs again and is healthy',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'restart-hung');
    const checkPort = await freePort();
    const check: HealthCheck = healthCheck({
      type: 'http',
      port: checkPort,
      intervalMs: 300,
      invocationTimeoutMs: 300,
      failureThreshold: 2,
    });
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('hung', `exec node ${proc('hang-after.cjs')}`, {
            healthCheck: check,
            restart: { policy: 'on-failure', maxRestarts: 5 },
          }),
          sidecar('idler', proc('sleep-forever.sh')),
        ],
        PROCESS_GATE,
      ),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
      env: { PIDS_FILE: pidsFile, CHECK_PORT: String(checkPort), OK_COUNT: '2' },
    });
    await waitFor(
      'the second run to be healthy',
      () => eventsOf(cli.lines, 'process.healthy', 'hung').length >= 2,
      20_000,
    );
    const failed = eventsOf(cli.lines, 'health.failed', 'hung');
    assert.deepEqual(
      failed.slice(0, 2).map((e) => [e['consecutive'], e['threshold']]),
      [
        [1, 2],
        [2, 2],
      ],
    );
    assert.match(
      String(failed[0]?.['msg']),
      /^liveness http check on http:\/\/127\.0\.0\.1:\d+\/ failed \(1 of 2 in a row\): no answer within 300 ms$/,
    );
    const [restarting] = eventsOf(cli.lines, 'process.restarting', 'hung');
    assert.equal(restarting?.['reason'], 'unhealthy');
    assert.equal(restarting?.['signal'], 'SIGTERM', 'the hung tree got SIGTERM');
    const [idlerPid, ...rest] = readPids(pidsFile).filter((pid) => isAlive(pid));
    assert.ok(idlerPid !== undefined && rest.length >= 1);
    assert.equal(eventsOf(cli.lines, 'process.running', 'idler').length, 1, 'the idler ran all along');
    const hungRuns = eventsOf(cli.lines, 'process.running', 'hung').map((e) => e['pid'] as number);
    assert.ok(hungRuns.length >= 2 && !isAlive(hungRuns[0] ?? 0), 'the first run is gone');
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'a memory-limit kill is a failure: restarted once (max_restarts 1), killed again: exit 137, reason restart_budget_exhausted, the oom run recorded',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'restart-oom');
    const artifacts = path.join(dir, 'artifacts');
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('hog', `node ${proc('grow-rss.cjs')} & wait`, {
            memoryMb: 80,
            restart: { policy: 'on-failure', maxRestarts: 1 },
          }),
        ],
        PROCESS_GATE,
      ),
    );
    const cli = startSidecars(
      ['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '100', '--artifacts', artifacts],
      { env: { PIDS_FILE: pidsFile, STEP_MB: '16', STEP_MS: '100' } },
    );
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const [restarting] = eventsOf(cli.lines, 'process.restarting', 'hog');
    assert.deepEqual(
      [restarting?.['reason'], restarting?.['signal'], restarting?.['delayMs']],
      ['oom', 'SIGKILL', 1_000],
    );
    assert.equal(eventsOf(cli.lines, 'memory.exceeded', 'hog').length, 2);
    const record = readFinished(artifacts).metadata.processes['hog'] ?? {};
    assert.equal(record['reason'], 'restart_budget_exhausted');
    assert.equal(record['signal'], 'SIGKILL');
    assert.deepEqual(
      (record['restarts'] as Array<Record<string, unknown>>).map((r) => [r['reason'], r['signal']]),
      [['oom', 'SIGKILL']],
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  '`sidecars restart NAME` through the unix socket: a graceful stop and a new run of a restart: never sidecar, not counted as a failure; clear errors',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'restart-cli');
    const socket = `unix:${path.join(dir, 'api.sock')}`;
    const artifacts = path.join(dir, 'artifacts');
    const config = writeConfig(
      dir,
      runtimeConfig(
        [sidecar('agent', proc('sleep-forever.sh')), sidecar('idler', proc('sleep-forever.sh'))],
        PROCESS_GATE,
      ),
    );
    const cli = startSidecars(
      ['exec', '--for', 'web', '--config', config, '--status', socket, '--artifacts', artifacts],
      { env: { PIDS_FILE: pidsFile } },
    );
    await waitFor('both sidecars to run', () => readPids(pidsFile).length === 2);
    await waitFor(
      'the API',
      async () => (await httpGet(socket, '/healthz').catch(() => null))?.status === 200,
    );
    const [firstAgent] = eventsOf(cli.lines, 'process.running', 'agent').map((e) => e['pid'] as number);
    const emptyTmp = await makeTempDir(t, 'restart-none-');

    const ok = startSidecars(['restart', 'agent', '--status', socket], { env: {} });
    assert.deepEqual(await ok.exited, { code: 0, signal: null });
    assert.equal(ok.lines.join('\n'), `restarting agent (it was running) through ${socket}`);
    await waitFor('a new run of agent', () => eventsOf(cli.lines, 'process.running', 'agent').length === 2);
    assert.ok(firstAgent !== undefined && !isAlive(firstAgent), 'the first run was stopped');
    const state = JSON.parse((await httpGet(socket, '/state')).text) as {
      processes: Record<string, { state: string; restarts: number; last_exit: { reason: string } | null }>;
    };
    assert.equal(state.processes['agent']?.restarts, 1);
    assert.equal(state.processes['agent']?.last_exit?.reason, 'operator');
    assert.equal(state.processes['idler']?.restarts, 0);
    assert.equal(eventsOf(cli.lines, 'process.running', 'idler').length, 1);

    const unknown = startSidecars(['restart', 'nope', '--status', socket], { env: {} });
    assert.deepEqual(await unknown.exited, { code: 1, signal: null });
    assert.equal(
      unknown.stderr.join('\n'),
      'sidecars restart: no process is named nope; known: agent, idler',
    );
    const tcp = startSidecars(['restart', 'agent', '--status', '127.0.0.1:9'], { env: {} });
    assert.deepEqual(await tcp.exited, { code: 1, signal: null });
    assert.match(
      tcp.stderr.join('\n'),
      /^sidecars restart: --status 127\.0\.0\.1:9: restarts go through a unix socket only \(the state API has no authentication\)/,
    );
    const none = startSidecars(['restart', 'agent'], { env: { TMPDIR: emptyTmp } });
    assert.deepEqual(await none.exited, { code: 1, signal: null });
    assert.match(none.stderr.join('\n'), /^sidecars restart: no supervisor found: no socket in /);

    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    const restarts = readFinished(artifacts).metadata.processes['agent']?.['restarts'] as Array<
      Record<string, unknown>
    >;
    assert.deepEqual(
      restarts.map((r) => [r['reason'], r['signal'], r['delay_ms']]),
      [['operator', 'SIGTERM', 0]],
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'exec checks: one that passes makes its sidecar healthy; one that never passes within timeout is a failure, restarted, then exit 1 (its last run unhealthy)',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'restart-exec-check');
    const artifacts = path.join(dir, 'artifacts');
    const missing = path.join(dir, 'never-written');
    const execCheck = (command: string): HealthCheck =>
      healthCheck({ type: 'exec', command, timeoutMs: 1_000, intervalMs: 60_000, failureThreshold: 3 });
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('waiter', proc('sleep-forever.sh'), {
            healthCheck: execCheck(
              `echo "no $(basename ${missing}) for $MEMORY_LIMIT" >&2; test -f ${missing}`,
            ),
            restart: { policy: 'on-failure', maxRestarts: 1 },
          }),
          sidecar('ready', proc('sleep-forever.sh'), {
            healthCheck: execCheck('test "$MEMORY_LIMIT" = 64m'),
          }),
        ],
        PROCESS_GATE,
      ),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
      env: { PIDS_FILE: pidsFile },
    });
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    assert.equal(
      eventsOf(cli.lines, 'process.healthy', 'ready').length,
      1,
      'its check ran in its environment',
    );
    const [failed] = eventsOf(cli.lines, 'health.failed', 'waiter');
    assert.match(
      String(failed?.['msg']),
      /^exec check "echo .*" did not pass within 1 s \(last: exit code 1: no never-written for 64m\)$/,
    );
    const record = readFinished(artifacts).metadata.processes['waiter'] ?? {};
    assert.deepEqual(
      [record['reason'], record['last_run_reason'], record['signal']],
      ['restart_budget_exhausted', 'unhealthy', 'SIGTERM'],
    );
    assert.deepEqual(
      (record['restarts'] as Array<Record<string, unknown>>).map((r) => r['reason']),
      ['unhealthy'],
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test('the state API refuses restarts on TCP: it has no authentication', TIMEOUT, async () => {
  const server = await startStatusServer({ kind: 'tcp', host: '127.0.0.1', port: 0 }, Date.now);
  let asked = 0;
  const handle: SupervisorHandle = {
    bus: createEventBus(),
    clock: realClock,
    processes: [],
    graceMs: 0,
    stopCause: null,
    requestStop: () => undefined,
    findEscaped: () => undefined,
    relaunch: () => undefined,
    requestRestart: () => {
      asked += 1;
      return { ok: true, state: 'running' };
    },
  };
  const detach = server.policy.attach(handle);
  try {
    const answer = await httpGet(server.address, '/processes/agent/restart', 'POST');
    assert.equal(answer.status, 403);
    assert.deepEqual(JSON.parse(answer.text), {
      error: 'unix_socket_only',
      message: 'restarts are served on the unix socket only: the state API has no authentication',
    });
    assert.equal(asked, 0);
  } finally {
    detach();
    await server.close();
  }
});
