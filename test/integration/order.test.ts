// Start and stop order of sidecars under `sidecars exec` (issue 12): depends_on, start: with_app,
// stop: after_app. Real processes on 127.0.0.1; every test ends with none of them alive.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeScratch, proc, startWebApp, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };
const HTTP_SERVER = proc('http-server.cjs');

function readFileOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

test('depends_on: a sidecar starts only once the one it depends on passed its check', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'order-depends');
  const [port, backendPort] = [await freePort(), await freePort()];
  const openedFile = path.join(dir, 'backend-opened');
  const startedFile = path.join(dir, 'front-started');
  const config = writeConfig(
    dir,
    runtimeConfig([
      // listed first, started last: it waits for backend, which opens its port 700 ms after it starts
      {
        name: 'front',
        command: `${proc('record-start.sh')} ${startedFile}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        dependsOn: ['backend'],
      },
      {
        name: 'backend',
        command: `PORT=${backendPort} DELAY_MS=700 OPENED_FILE=${openedFile} node ${HTTP_SERVER}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        healthCheck: healthCheck({ port: backendPort, intervalMs: 1_000 }),
      },
    ]),
  );
  const env = { PORT: String(port), PIDS_FILE: pidsFile };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  const web = startWebApp(env);
  try {
    const startedAt = Number(await waitFor('front to start', () => readFileOr(startedFile)));
    const openedAt = Number(readFileSync(openedFile, 'utf8'));
    assert.ok(startedAt >= openedAt, `front started at ${startedAt}, before backend listened at ${openedAt}`);
    const events = readEvents(cli.lines);
    assert.ok(
      events.some(
        (e) => e['event'] === 'gate.passed' && e['proc'] === 'front' && e['target'] === 'backend healthy',
      ),
      'front passed its backend gate',
    );
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
  } finally {
    web.stop();
  }
  await assertAllGone([cli.pid, web.pid, ...readPids(pidsFile)]);
});

test('start: with_app starts the sidecar at once, before the app opens its port', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'order-with-app');
  const port = await freePort();
  const startedFile = path.join(dir, 'proxy-started');
  const openedFile = path.join(dir, 'opened');
  const config = writeConfig(
    dir,
    runtimeConfig([
      {
        name: 'proxy',
        command: `${proc('record-start.sh')} ${startedFile}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        start: 'with_app',
      },
    ]),
  );
  const env = { PORT: String(port), PIDS_FILE: pidsFile };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  const web = startWebApp({ ...env, DELAY_MS: '1500', OPENED_FILE: openedFile });
  try {
    const startedAt = Number(await waitFor('proxy to start', () => readFileOr(startedFile)));
    const openedAt = Number(await waitFor('the web port to open', () => readFileOr(openedFile)));
    assert.ok(
      startedAt < openedAt,
      `proxy started at ${startedAt}, not before the port opened at ${openedAt}`,
    );
    assert.ok(!readEvents(cli.lines).some((e) => e['event'] === 'gate.passed' && e['proc'] === 'proxy'));
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
  } finally {
    web.stop();
  }
  await assertAllGone([cli.pid, web.pid, ...readPids(pidsFile)]);
});
