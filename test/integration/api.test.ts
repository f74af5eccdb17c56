import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { realClock } from '../../src/common/clock.js';
import { FEED_END_GRACE_MS, startStatusServer } from '../../src/supervisor/api/api.js';
import { createEventBus } from '../../src/supervisor/model/events.js';
import type { SupervisorHandle } from '../../src/supervisor/core/policy.js';
import { makeScratch, proc, startWebApp, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { httpGet, openGet, parseNdjson, readBody, toTarget, waitForApi } from '../helpers/http-client.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };

function sidecar(name: string, command: string, memoryMb = 64) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

test('GET /state, /healthz; JSON 404 and 405', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'api-state');
  const config = writeConfig(
    dir,
    runtimeConfig([sidecar('agent', proc('sleep-forever.sh'), 48)], PROCESS_CHECK),
  );
  const args = [
    'exec',
    '--for',
    'web',
    '--config',
    config,
    '--status',
    '127.0.0.1:0',
    '--memory-interval-ms',
    '50',
  ];
  const cli = startCleaned(t, args, { env: { PIDS_FILE: pidsFile } });
  const address = await waitForApi(cli);
  assert.match(address, /^127\.0\.0\.1:\d+$/);
  assert.notEqual(address, '127.0.0.1:0');
  const state = await waitFor('agent running with a memory sample', async () => {
    const body = JSON.parse((await httpGet(address, '/state')).text) as {
      processes: Record<string, { rss_mb: number | null; pid: number | null }>;
    };
    // the agent listed, running, with a sample: not a state from before it started
    return typeof body.processes['agent']?.rss_mb === 'number' ? body : undefined;
  });
  const agent = state.processes['agent'];
  assert.ok(agent !== undefined && typeof agent.rss_mb === 'number' && agent.rss_mb > 0);
  assert.equal((state as { pid?: number }).pid, cli.pid, 'the supervisor names itself');
  assert.deepEqual(readPids(pidsFile), [agent.pid]);
  assert.deepEqual(
    JSON.parse(JSON.stringify(state), (key, value: unknown) =>
      ['since', 'pid', 'rss_mb'].includes(key) && typeof value === 'number' ? `<${key}>` : value,
    ),
    {
      finished: false,
      pid: '<pid>',
      processes: {
        agent: {
          state: 'running',
          pid: '<pid>',
          health: null,
          rss_mb: '<rss_mb>',
          limit_mb: 48,
          restarts: 0,
          last_exit: null,
          since: '<since>',
          next_restart_at: null,
        },
      },
    },
  );
  assert.deepEqual(await httpGet(address, '/healthz'), {
    status: 200,
    type: 'application/json',
    text: '{"ok":true,"finished":false}\n',
  });
  assert.deepEqual(await httpGet(address, '/nope'), {
    status: 404,
    type: 'application/json',
    text: '{"error":"not_found","message":"no /nope; try /state, /events, /healthz"}\n',
  });
  assert.deepEqual(await httpGet(address, '/state', 'POST'), {
    status: 405,
    type: 'application/json',
    text: '{"error":"method_not_allowed","message":"/state takes GET only"}\n',
  });
  cli.child.kill('SIGTERM');
  assert.deepEqual(await cli.exited, { code: 143, signal: null });
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test(
  'GET /events of a gated start: the whole history in order, then live until the end',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'api-events');
    const port = await freePort();
    const socket = path.join(dir, 'api.sock');
    const config = writeConfig(dir, runtimeConfig([sidecar('agent', proc('sleep-forever.sh'))]));
    const env = { PORT: String(port), PIDS_FILE: pidsFile };
    const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--status', `unix:${socket}`], {
      env,
    });
    const address = await waitForApi(cli);
    assert.equal(address, `unix:${socket}`);
    assert.equal(statSync(socket).mode & 0o777, 0o600);
    const early = await openGet(address, '/events');
    assert.equal(early.headers['content-type'], 'application/x-ndjson');
    const earlyText = readBody(early);
    const web = startWebApp({ ...env, DELAY_MS: '300' });
    try {
      await waitFor('the sidecar output', () => cli.lines.includes('sleeping'));
      const late = await httpGet(address, '/state');
      assert.equal(
        (JSON.parse(late.text) as { processes: { agent: { state: string } } }).processes.agent.state,
        'running',
      );
      cli.child.kill('SIGTERM');
      assert.deepEqual(await cli.exited, { code: 143, signal: null });
    } finally {
      web.stop();
    }
    const events = parseNdjson(await earlyText);
    assert.deepEqual(
      events.map((e) => `${String(e['type'])}${typeof e['name'] === 'string' ? ` ${e['name']}` : ''}`),
      [
        'process.waiting agent',
        'gate.passed agent',
        'process.starting agent',
        'process.running agent',
        'supervisor.stop_requested',
        'process.killed agent',
        'supervisor.finished',
      ],
    );
    assert.deepEqual(events[0], {
      type: 'process.waiting',
      name: 'agent',
      cause: `web: port check on 127.0.0.1:${port}`,
      at: events[0]?.['at'],
    });
    assert.ok(events.every((e, i) => i === 0 || Number(e['at']) >= Number(events[i - 1]?.['at'])));
    assert.equal(existsSync(socket), false, 'the socket is removed at the end');
    await assertAllGone([cli.pid, web.pid, ...readPids(pidsFile)]);
  },
);

test('a stuck /events client does not slow the run down and is cut off at the end', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'api-slow');
  const sidecars = Array.from({ length: 40 }, (_, i) => sidecar(`s${i}`, proc('sleep-forever.sh'), 16));
  const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
  const args = ['exec', '--for', 'web', '--config', config, '--status', '127.0.0.1:0', '--grace-ms', '1000'];
  const cli = startCleaned(t, args, { env: { PIDS_FILE: pidsFile } });
  const address = await waitForApi(cli);
  // the stuck client: asks for /events and never reads a byte
  const target = toTarget(address) as { host: string; port: number };
  const stuck = connect(target.port, target.host);
  stuck.pause();
  const stuckClosed = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
  stuck.on('error', () => undefined);
  stuck.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
  const follower = openGet(address, '/events').then(readBody);
  await waitFor('every sidecar running', () => readPids(pidsFile).length === 40);
  const stopAt = Date.now();
  cli.child.kill('SIGTERM');
  assert.deepEqual(await cli.exited, { code: 143, signal: null });
  const stopMs = Date.now() - stopAt;
  assert.ok(stopMs < 4_000, `stopping took ${stopMs} ms`);
  stuck.resume(); // only now does it read: what the server sent, then the end of the connection
  await stuckClosed;
  const events = parseNdjson(await follower);
  assert.equal(events.at(-1)?.['type'], 'supervisor.finished');
  assert.equal(events.filter((e) => e['type'] === 'process.killed').length, 40);
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test(
  'an address that is not loopback or a unix socket is refused before anything runs',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'api-refuse');
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('agent', proc('sleep-forever.sh'))], PROCESS_CHECK),
    );
    for (const address of ['0.0.0.0:8080', '192.168.1.10:80']) {
      const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--status', address], {
        env: { PIDS_FILE: pidsFile },
      });
      assert.deepEqual(await cli.exited, { code: 1, signal: null });
      const host = address.split(':')[0] ?? '';
      assert.deepEqual(cli.stderr, [
        `sidecars exec: --status ${address}: ${host} is not a loopback address; the state API has no authentication and listens only on loopback or a unix socket`,
        'Use --status unix:PATH or --status 127.0.0.1:PORT (PORT 0 picks a free port).',
      ]);
    }
    const run = startCleaned(t, ['run', dir, '--status', 'example.com:80'], { env: {} });
    assert.deepEqual(await run.exited, { code: 1, signal: null });
    assert.match(
      run.stderr[0] ?? '',
      /^sidecars run: --status example\.com:80: example\.com is not a loopback address/,
    );
    assert.deepEqual(readPids(pidsFile), [], 'nothing was started');
    assert.deepEqual(readdirSync(dir).sort(), ['runtime-config.json']);
  },
);

test(
  'a secret in every process environment appears in no record, log line or API answer',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'api-secret');
    const secret = 'S3CRET-d0-not-leak-7f3a';
    const ready = path.join(dir, 'ready');
    // the quitter ends the run once the test has its answers (exec's exit is quicker than a request)
    const go = path.join(dir, 'go');
    const checker = `printenv SECRET_TOKEN > ${JSON.stringify(ready)}; exec ${proc('sleep-forever.sh')}`;
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('checker', checker),
          sidecar(
            'quitter',
            `until [ -s ${JSON.stringify(ready)} ] && [ -e ${JSON.stringify(go)} ]; do sleep 0.01; done; exit 4`,
          ),
        ],
        PROCESS_CHECK,
      ),
    );
    const artifacts = path.join(dir, 'artifacts');
    const args = [
      'exec',
      '--for',
      'web',
      '--config',
      config,
      '--status',
      '127.0.0.1:0',
      '--artifacts',
      artifacts,
    ];
    const cli = startCleaned(t, args, { env: { PIDS_FILE: pidsFile, SECRET_TOKEN: secret } });
    const address = await waitForApi(cli);
    const answers: unknown[] = [await httpGet(address, '/state'), await httpGet(address, '/healthz')];
    const events = await openGet(address, '/events');
    writeFileSync(go, '');
    answers.push(await readBody(events));
    assert.deepEqual(await cli.exited, { code: 4, signal: null });
    assert.equal(readFileSync(ready, 'utf8'), `${secret}\n`, 'the secret was in the environment');
    const records = readdirSync(artifacts).map((name) => readFileSync(path.join(artifacts, name), 'utf8'));
    const everything = [JSON.stringify(answers), cli.text(), ...records].join('\n');
    assert.ok(!everything.includes(secret), 'the secret leaked');
    assert.ok(records.length >= 6);
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'a flood of events: a stuck client neither blocks emit nor loses events; close cuts it off',
  TIMEOUT,
  async () => {
    const server = await startStatusServer({ kind: 'tcp', host: '127.0.0.1', port: 0 }, Date.now);
    const bus = createEventBus();
    const handle: SupervisorHandle = {
      bus,
      clock: realClock,
      processes: [],
      graceMs: 0,
      stopCause: null,
      requestStop: () => undefined,
      findEscaped: () => undefined,
      relaunch: () => undefined,
      requestRestart: () => ({ ok: false, error: 'unknown_process', message: 'none' }),
    };
    const detach = server.policy.attach(handle);
    const target = toTarget(server.address) as { host: string; port: number };
    const stuck = connect(target.port, target.host);
    stuck.pause();
    stuck.on('error', () => undefined);
    const stuckClosed = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
    stuck.write('GET /events HTTP/1.1\r\nHost: x\r\n\r\n');
    const fast = openGet(server.address, '/events').then(readBody);
    await waitFor(
      'both clients connected',
      async () => (await httpGet(server.address, '/healthz')).status === 200,
    );
    const total = 50_000;
    const startedAt = performance.now();
    for (let i = 0; i < total; i += 1) {
      bus.emit({
        type: 'health.failed',
        name: `p${i % 10}`,
        target: 'x'.repeat(100),
        detail: `n=${i}`,
        at: i,
      });
    }
    const emitMs = performance.now() - startedAt;
    assert.ok(emitMs < 2_000, `emitting ${total} events took ${emitMs} ms`);
    detach();
    const lines = parseNdjson(await fast);
    assert.equal(lines.length, total, 'the fast client got every event');
    assert.equal(lines.at(-1)?.['detail'], `n=${total - 1}`);
    const closeAt = Date.now();
    await server.close();
    const closeMs = Date.now() - closeAt;
    assert.ok(closeMs < FEED_END_GRACE_MS + 1_000, `close took ${closeMs} ms`);
    stuck.resume();
    await stuckClosed;
  },
);
