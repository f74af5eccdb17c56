// Start and stop order of sidecars under `sidecars exec` (issue 12): depends_on, start: with_app,
// stop: after_app. Real processes on 127.0.0.1; every test ends with none of them alive.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import { toProfileDScript } from '../../src/staging/write.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, startWebApp, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, descendantPids, readPids } from '../helpers/pids.js';
import { PROCS_DIR, readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };
const HTTP_SERVER = proc('http-server.cjs');

/** The file's text once it has some: a shell redirect or writeFileSync creates it empty first. */
function readFileOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
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
    const openedAt = Number(await waitFor('the open time', () => readFileOr(openedFile)));
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

test(
  'sidecars wait in the start command: under run, the app starts once its with_app proxy is healthy',
  {
    timeout: 30_000,
  },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'order-wait');
    const [port, proxyPort] = [await freePort(), await freePort()];
    const proxyOpened = path.join(dir, 'proxy-opened');
    const appStarted = path.join(dir, 'app-started');
    const config = runtimeConfig([
      {
        name: 'proxy',
        command: `PORT=${proxyPort} DELAY_MS=800 OPENED_FILE=${proxyOpened} node ${HTTP_SERVER}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        start: 'with_app',
        healthCheck: healthCheck({ port: proxyPort, intervalMs: 1_000 }),
      },
    ]);
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      // as a final buildpack that sources supply buildpacks' profile.d (libbuildpack's do)
      profileD: { '0_sidecars.sh': toProfileDScript('0') },
      startCommand: `sidecars wait proxy --timeout 20 && date +%s%3N > ${appStarted} && node ${HTTP_SERVER}`,
      deps: [{ idx: '0', launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const cli = startSidecars(
      ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--env', `PIDS_FILE=${pidsFile}`],
      { env: {} },
    );
    const seen = new Set<number>();
    const timer = setInterval(() => {
      for (const pid of descendantPids(cli.pid)) seen.add(pid);
    }, 20);
    t.after(() => clearInterval(timer));
    const startedAt = Number(await waitFor('the app to start', () => readFileOr(appStarted), 20_000));
    const openedAt = Number(await waitFor('the open time', () => readFileOr(proxyOpened)));
    assert.ok(
      startedAt >= openedAt,
      `the app started at ${startedAt}, before the proxy listened at ${openedAt}`,
    );
    await waitFor('the line of sidecars wait', () =>
      cli.lines.some((line) => /sidecars wait: proxy healthy/.test(line)),
    );
    cli.child.kill('SIGTERM');
    await cli.exited;
    clearInterval(timer);
    await assertAllGone([cli.pid, ...seen, ...readPids(pidsFile)]);
  },
);

test('sidecars wait times out naming what it waited for and what it last saw', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'order-wait-timeout');
  const port = await freePort();
  const socket = path.join(dir, 's.sock');
  const config = writeConfig(
    dir,
    runtimeConfig([{ name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 64, sidecarFor: ['web'] }]),
  );
  // the app never opens its port: agent (start: after_app) stays waiting
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--status', `unix:${socket}`], {
    env: { PORT: String(port), PIDS_FILE: pidsFile },
  });
  try {
    const waiter = startSidecars(['wait', 'agent', 'ghost', '--timeout', '1', '--status', `unix:${socket}`], {
      env: {},
    });
    assert.deepEqual(await waiter.exited, { code: 1, signal: null });
    assert.match(
      waiter.stderr.join('\n'),
      /sidecars wait: agent, ghost not healthy within 1 s \(last seen: agent: waiting, health none \(healthy once running\); ghost: not found in any supervisor of this container\)/,
    );
  } finally {
    cli.child.kill('SIGTERM');
  }
  await cli.exited;
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

/** exec with a proxy sidecar, and the app (not its child) that makes a last request through it on SIGTERM. */
async function lastRequestAfterStop(t: TestContext, stop: 'after_app' | undefined): Promise<string> {
  const { dir, pidsFile } = await makeScratch(t, 'order-stop');
  const [port, proxyPort] = [await freePort(), await freePort()];
  const lastFile = path.join(dir, 'last');
  const config = writeConfig(
    dir,
    runtimeConfig([
      {
        name: 'proxy',
        command: `PORT=${proxyPort} node ${HTTP_SERVER}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        healthCheck: healthCheck({ port: proxyPort, intervalMs: 1_000 }),
        ...(stop === undefined ? {} : { stop }),
      },
    ]),
  );
  const env = { PORT: String(port), PIDS_FILE: pidsFile };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--grace-ms', '6000'], { env });
  const app = spawn(process.execPath, [path.join(PROCS_DIR, 'last-request-app.cjs')], {
    env: { PATH: process.env['PATH'] ?? '', ...env, PROXY_PORT: String(proxyPort), LAST_FILE: lastFile },
    stdio: 'ignore',
  });
  const appExited = new Promise((resolve) => app.once('exit', resolve));
  try {
    await waitFor('the proxy to be healthy', () =>
      readEvents(cli.lines).some((e) => e['event'] === 'process.healthy' && e['proc'] === 'proxy'),
    );
    // as the platform stops an instance: SIGTERM to the app and to the sidecar's process at once
    app.kill('SIGTERM');
    cli.child.kill('SIGTERM');
    await appExited;
    const startedStop = Date.now();
    assert.equal((await cli.exited).code, 143);
    // at once after the app, not at the end of the wait (grace 6 s − 2 s reserved)
    assert.ok(Date.now() - startedStop < 2_000, `exec ended ${Date.now() - startedStop} ms after the app`);
  } finally {
    app.kill('SIGKILL');
  }
  await assertAllGone([cli.pid, app.pid ?? 0, ...readPids(pidsFile)]);
  return readFileSync(lastFile, 'utf8');
}

test(
  'stop: after_app: the app’s last request through the proxy after SIGTERM succeeds',
  TIMEOUT,
  async (t) => {
    assert.equal(await lastRequestAfterStop(t, 'after_app'), '200');
  },
);

test('stop: with_app (the default): the proxy is gone before the app’s last request', TIMEOUT, async (t) => {
  assert.equal(await lastRequestAfterStop(t, undefined), 'ECONNREFUSED');
});

test(
  'depends_on in reverse on stop: the dependent ends before the sidecar it depends on',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'order-stop-deps');
    const port = await freePort();
    const config = writeConfig(
      dir,
      runtimeConfig([
        { name: 'backend', command: proc('sleep-forever.sh'), memoryMb: 64, sidecarFor: ['web'] },
        {
          name: 'front',
          // takes 500 ms to stop: without the order, backend would end first
          command: `trap 'sleep 0.5; exit 0' TERM; echo $$ >> "$PIDS_FILE"; while :; do sleep 0.05; done`,
          memoryMb: 64,
          sidecarFor: ['web'],
          dependsOn: ['backend'],
          start: 'with_app',
        },
      ]),
    );
    const env = { PORT: String(port), PIDS_FILE: pidsFile };
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
    const web = startWebApp(env);
    try {
      await waitFor('front to run', () =>
        readEvents(cli.lines).some((e) => e['event'] === 'process.running' && e['proc'] === 'front'),
      );
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 143);
      const ends = readEvents(cli.lines)
        .filter((e) => e['event'] === 'process.killed' || e['event'] === 'process.exited')
        .map((e) => e['proc']);
      assert.deepEqual(ends, ['front', 'backend']);
    } finally {
      web.stop();
    }
    await assertAllGone([cli.pid, web.pid, ...readPids(pidsFile)]);
  },
);

test(
  'stop: after_app under run: the app is run’s child, the nested exec still waits for it',
  {
    timeout: 30_000,
  },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'order-stop-run');
    const [port, proxyPort] = [await freePort(), await freePort()];
    const lastFile = path.join(dir, 'last');
    const config = runtimeConfig([
      {
        name: 'proxy',
        command: `PORT=${proxyPort} node ${HTTP_SERVER}`,
        memoryMb: 64,
        sidecarFor: ['web'],
        start: 'with_app',
        stop: 'after_app',
        healthCheck: healthCheck({ port: proxyPort, intervalMs: 1_000 }),
      },
    ]);
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: `node ${proc('last-request-app.cjs')}`,
      deps: [{ idx: '0', launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const cli = startSidecars(
      [
        'run',
        droplet,
        '--port',
        String(port),
        '--env',
        `PIDS_FILE=${pidsFile}`,
        '--env',
        `PROXY_PORT=${proxyPort}`,
        '--env',
        `LAST_FILE=${lastFile}`,
      ],
      { env: {} },
    );
    const seen = new Set<number>();
    const timer = setInterval(() => {
      for (const pid of descendantPids(cli.pid)) seen.add(pid);
    }, 20);
    t.after(() => clearInterval(timer));
    const answers = async (p: number): Promise<boolean> => {
      try {
        return (await fetch(`http://127.0.0.1:${p}/`)).ok;
      } catch {
        return false;
      }
    };
    await waitFor('the proxy to answer', () => answers(proxyPort));
    // the stop comes as soon as the app answers (polled every 2 ms, not the helper's interval)
    const until = Date.now() + 10_000;
    while (!(await answers(port)) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 2));
    // the pid run handed its nested exec as the app started (read now: run removes the dir at its end)
    const nestedRoot = path.join(droplet, 'tmp', '.sidecars-nested');
    const handed = readdirSync(nestedRoot).map((entry) =>
      readFileOr(path.join(nestedRoot, entry, 'app.pid')),
    );
    // at once: the app listened after the exec's first look for its listener (run starts it once
    // the nested exec waits at its gates), so the exec may not have seen it listen yet; the app's
    // SIGTERM handler closes the port first. The exec waits for the pid run handed it.
    cli.child.kill('SIGTERM');
    await cli.exited;
    clearInterval(timer);
    assert.equal(readFileOr(lastFile), '200');
    // that pid is the app's: one of run's descendants
    assert.equal(handed.length, 1);
    assert.ok(seen.has(Number(handed[0])), `app.pid ${JSON.stringify(handed[0])} is not a process of run's`);
    await assertAllGone([cli.pid, ...seen, ...readPids(pidsFile)]);
  },
);
