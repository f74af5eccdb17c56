// The http health check through the real supervisor: `sidecars exec` gates a sidecar on a real web
// app (fixtures/procs/health-app.cjs) whose health endpoint behaves like a framework's, and the gate
// opens exactly when the platform's check (cloudfoundry/healthcheck, Go's http.Client) would pass.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type TestContext, test } from 'node:test';

import '../helpers/no-warnings.js';

import type { HealthCheck } from '../../src/config/runtime-config.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { PROCS_DIR, readEvents, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };

interface Seen {
  method: string;
  url: string;
  userAgent: string | null;
  forwardedProto: string | null;
  acceptEncoding: string | null;
  referer: string | null;
}

/** A scenario: the app in HEALTH_MODE on a free port, and `sidecars exec --for web` gated on it. */
async function startScenario(
  t: TestContext,
  appEnv: Record<string, string>,
  check: Partial<HealthCheck>,
): Promise<{ port: number; cli: RunningCli; startedFile: string; seen: () => Seen[]; pids: Pids }> {
  const { dir, pidsFile } = await makeScratch(t, 'health-http');
  const port = await freePort();
  const startedFile = path.join(dir, 'started');
  const requestsFile = path.join(dir, 'requests');
  const sidecars = [
    {
      name: 'agent',
      command: `${proc('record-start.sh')} ${startedFile}`,
      memoryMb: 64,
      sidecarFor: ['web'],
    },
  ];
  const config = writeConfig(dir, runtimeConfig(sidecars, { web: healthCheck({ type: 'http', ...check }) }));
  const env = { PORT: String(port), PIDS_FILE: pidsFile };
  const app = spawn(process.execPath, [path.join(PROCS_DIR, 'health-app.cjs')], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), REQUESTS_FILE: requestsFile, ...appEnv },
    stdio: 'ignore',
  });
  t.after(() => app.kill('SIGKILL'));
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  // a failed assertion must not leave the supervisor (and what it started) behind
  t.after(() => {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  });
  const seen = (): Seen[] =>
    existsSync(requestsFile)
      ? readFileSync(requestsFile, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Seen)
      : [];
  const pids = { app: () => app.kill('SIGKILL'), all: () => [cli.pid, app.pid ?? 0, ...readPids(pidsFile)] };
  return { port, cli, startedFile, seen, pids };
}

const platformHeaders = { userAgent: 'diego-healthcheck', forwardedProto: 'https', acceptEncoding: 'gzip' };

/** The supervisor, the app and the sidecars it started; `app()` ends the app (the test's own). */
interface Pids {
  app(): void;
  all(): number[];
}

async function stopAndAssertGone(cli: RunningCli, pids: Pids): Promise<void> {
  cli.child.kill('SIGTERM');
  assert.deepEqual(await cli.exited, { code: 143, signal: null });
  await assertGone(pids);
}

async function assertGone(pids: Pids): Promise<void> {
  pids.app();
  const mine = pids.all();
  await waitFor('every started pid to be gone', () => alivePids(mine).length === 0, 5_000);
  assert.deepEqual(alivePids(mine), []);
}

test('a /health that redirects to /health/ (Django) opens the gate, headers kept', TIMEOUT, async (t) => {
  const { port, cli, startedFile, seen, pids } = await startScenario(
    t,
    { HEALTH_MODE: 'django' },
    { endpoint: '/health' },
  );
  await waitFor('the sidecar to start', () => existsSync(startedFile));
  const [first, second] = seen();
  assert.deepEqual(first, { method: 'GET', url: '/health', ...platformHeaders, referer: null });
  assert.deepEqual(second, {
    method: 'GET',
    url: '/health/',
    ...platformHeaders,
    referer: `http://127.0.0.1:${port}/health`,
  });
  await stopAndAssertGone(cli, pids);
});

test('a force_ssl app (301 to https without X-Forwarded-Proto) opens the gate', TIMEOUT, async (t) => {
  const { cli, startedFile, seen, pids } = await startScenario(
    t,
    { HEALTH_MODE: 'force-ssl' },
    { endpoint: '/health' },
  );
  await waitFor('the sidecar to start', () => existsSync(startedFile));
  assert.deepEqual(seen()[0], { method: 'GET', url: '/health', ...platformHeaders, referer: null });
  await stopAndAssertGone(cli, pids);
});

test('204 never opens the gate, as on the platform (200 only)', TIMEOUT, async (t) => {
  const { port, cli, startedFile, seen, pids } = await startScenario(
    t,
    { HEALTH_MODE: 'status', STATUS: '204' },
    { endpoint: '/health', timeoutMs: 1_000 },
  );
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  assert.match(
    cli.stderr.join('\n'),
    new RegExp(
      `agent was stopped: process type web did not become healthy: http check on http://127\\.0\\.0\\.1:${port}/health did not pass within 1 s \\(last: HTTP 204\\)`,
    ),
  );
  assert.ok(seen().length > 1, 'probed more than once');
  assert.equal(existsSync(startedFile), false, 'the sidecar must never have started');
  await assertGone(pids);
});

test('a redirect loop stops at the 10th redirect of each check and never hangs', TIMEOUT, async (t) => {
  const startedAt = Date.now();
  const { cli, startedFile, seen, pids } = await startScenario(
    t,
    { HEALTH_MODE: 'loop' },
    { endpoint: '/loop/0', timeoutMs: 1_000 },
  );
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  assert.ok(Date.now() - startedAt < 5_000, 'exec ended soon after the gate timeout');
  assert.match(cli.stderr.join('\n'), /\(last: HTTP 302: stopped after 10 redirects\)/);
  const urls = seen().map((r) => r.url);
  assert.deepEqual(
    [...new Set(urls)].sort(),
    Array.from({ length: 10 }, (_, n) => `/loop/${n}`).sort(),
    'ten requests per check, /loop/10 never asked',
  );
  assert.equal(urls.length % 10, 0);
  assert.equal(existsSync(startedFile), false);
  await assertGone(pids);
});

test('a 200 whose body outlasts the invocation timeout passes at the deadline', TIMEOUT, async (t) => {
  const { cli, startedFile, seen, pids } = await startScenario(
    t,
    { HEALTH_MODE: 'slow-body', BODY_MS: '8000' },
    { endpoint: '/health', invocationTimeoutMs: 700 },
  );
  await waitFor('the sidecar to start', () => existsSync(startedFile));
  const passed = readEvents(cli.lines).find((e) => e['event'] === 'gate.passed');
  const waitedMs = Number(passed?.['waitedMs']);
  // Go reads the body until its Timeout, ignores that read's error, and passes on the 200
  assert.ok(waitedMs >= 650, `passed after ${waitedMs} ms: before the body's deadline`);
  assert.ok(waitedMs < 3_000, `passed after ${waitedMs} ms: waited for the whole body`);
  assert.equal(seen().length, 1, 'one check, held to its deadline');
  await stopAndAssertGone(cli, pids);
});
