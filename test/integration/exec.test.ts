import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeScratch, proc, startWebApp, writeConfig } from '../helpers/exec-fixture.js';
import { runPortGateScenario } from '../helpers/gate-scenario.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, isAlive, readPids } from '../helpers/pids.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };

function sidecar(name: string, command: string, memoryMb = 64, sidecarFor = ['web']) {
  return { name, command, memoryMb, sidecarFor };
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

test('gates on the port check: the sidecar starts only after the web port opened', TIMEOUT, async (t) => {
  const { pids } = await runPortGateScenario(t, 'exec-gate');
  await assertAllGone(pids);
});

test('a gate timeout exits 1 naming the type, the check and the time waited', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'exec-timeout');
  const port = await freePort();
  const checks = { web: healthCheck({ timeoutMs: 700 }) };
  const config = writeConfig(dir, runtimeConfig([sidecar('agent', proc('sleep-forever.sh'))], checks));
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
    env: { PORT: String(port), PIDS_FILE: pidsFile },
  });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  assert.match(
    cli.stderr.join('\n'),
    new RegExp(
      `agent was stopped: process type web did not become healthy: port check on 127\\.0\\.0\\.1:${port} did not pass within 1 s \\(last: ECONNREFUSED\\)`,
    ),
  );
  assert.deepEqual(readPids(pidsFile), [], 'the sidecar must never have started');
  await assertAllGone([cli.pid]);
});

test('an http check that answers 500 then 200 opens the gate only on 200', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'exec-http');
  const port = await freePort();
  const startedFile = path.join(dir, 'started');
  const checks = { web: healthCheck({ type: 'http', endpoint: '/health' }) };
  const config = writeConfig(
    dir,
    runtimeConfig([sidecar('agent', `${proc('record-start.sh')} ${startedFile}`)], checks),
  );
  const env = { PORT: String(port), PIDS_FILE: pidsFile };
  const web = startWebApp({ ...env, FAIL_FIRST: '5', OK_FILE: path.join(dir, 'first-ok') });
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  try {
    const startedAt = Number(await waitFor('the sidecar to start', () => readFileOr(startedFile)));
    const firstOkAt = Number(readFileSync(path.join(dir, 'first-ok'), 'utf8'));
    assert.ok(startedAt >= firstOkAt, 'started before the first 2xx');
    cli.child.kill('SIGINT');
    assert.deepEqual(await cli.exited, { code: 130, signal: null });
  } finally {
    web.stop();
  }
  await assertAllGone([cli.pid, web.pid, ...readPids(pidsFile)]);
});

test('a grandchild growing past the limit: tree killed, reason oom, exit 137', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'exec-oom');
  const command = `node ${proc('grow-rss.cjs')} & wait`;
  const checks = { web: healthCheck({ type: 'process' }) };
  const config = writeConfig(dir, runtimeConfig([sidecar('hog', command, 80)], checks));
  const env = { PIDS_FILE: pidsFile, STEP_MB: '16', STEP_MS: '100' };
  const startedAt = Date.now();
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '100'], {
    env,
  });
  assert.deepEqual(await cli.exited, { code: 137, signal: null });
  const exceeded = readEvents(cli.lines).find((e) => e['event'] === 'memory.exceeded');
  assert.match(
    String(exceeded?.['msg']),
    /^hog exceeded its memory limit: \d+ MB > 80 MB \(PSS; RSS \d+ MB\)$/,
  );
  assert.ok((exceeded?.['pids'] as number[]).length >= 2, 'the sample covered the grandchild');
  assert.match(
    cli.stderr.join('\n'),
    /hog was killed: hog exceeded its memory limit: \d+ MB > 80 MB \(PSS; RSS \d+ MB\)/,
  );
  assert.ok(Date.now() - startedAt < 8_000);
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test(
  'one sidecar exiting 3 stops the others; exec exits 3; output is prefixed by name',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'exec-exit');
    const checks = { web: healthCheck({ type: 'process' }) };
    const sidecars = [
      sidecar('quitter', `${waitForPids(2)} exec ${proc('exit-with.sh')} 3`),
      sidecar('idler', proc('spawn-grandchild.sh') + ' setsid'),
    ];
    const config = writeConfig(dir, runtimeConfig(sidecars, checks));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: { PIDS_FILE: pidsFile } });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    assert.ok(cli.lines.includes('[quitter] exiting with 3'));
    assert.ok(cli.lines.some((l) => l.startsWith('[idler] grandchild ')));
    const killed = readEvents(cli.lines).find((e) => e['event'] === 'process.killed');
    assert.equal(killed?.['proc'], 'idler');
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'a sidecar ignoring SIGTERM is SIGKILLed after the grace period; output unprefixed when alone',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'exec-term');
    const checks = { web: healthCheck({ type: 'process' }) };
    const config = writeConfig(dir, runtimeConfig([sidecar('stubborn', proc('ignore-term.sh'))], checks));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--grace-ms', '400'], {
      env: { PIDS_FILE: pidsFile },
    });
    await waitFor('the sidecar to run', () => cli.lines.includes('ignoring SIGTERM'));
    const [pid] = readPids(pidsFile);
    assert.ok(pid !== undefined && isAlive(pid));
    const signalledAt = Date.now();
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.ok(Date.now() - signalledAt >= 400, 'SIGKILL came before the grace period ended');
    assert.ok(readEvents(cli.lines).some((e) => e['event'] === 'process.kill_forced'));
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'exec NAME in a worker container gates on the worker check, never on the web port',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'exec-worker');
    const port = await freePort();
    const checks = { web: healthCheck({ timeoutMs: 60_000 }), worker: healthCheck({ type: 'process' }) };
    const config = writeConfig(
      dir,
      runtimeConfig(
        [sidecar('agent', proc('sleep-forever.sh'), 32, ['web', 'worker'])],
        checks,
        'per-sidecar',
      ),
    );
    const env = { PORT: String(port), PIDS_FILE: pidsFile, VCAP_APPLICATION: '{"process_type":"worker"}' };
    const cli = startSidecars(['exec', 'agent', '--config', config], { env });
    await waitFor('the sidecar to start without a web port', () => cli.lines.includes('sleeping'), 5_000);
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test('usage errors exit 1 with a hint and start nothing', TIMEOUT, async () => {
  const cli = startSidecars(['exec', '--for', 'web'], { env: {} });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  assert.equal(
    cli.stderr.join('\n'),
    'sidecars exec: no runtime config\nRun through deps/<idx>/bin/sidecars, or pass --config FILE.',
  );
  await assertAllGone([cli.pid]);
});

/** A shell prefix that waits until PIDS_FILE holds n pids (the fixtures write it after printing). */
function waitForPids(n: number): string {
  return `until [ "$(grep -c . "$PIDS_FILE" 2>/dev/null)" -ge ${n} ]; do sleep 0.01; done;`;
}

function readFileOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
