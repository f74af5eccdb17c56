// Issue 20.3: the live report page. GET / of a state API on TCP serves the page, fed live from
// /state and /events; `sidecars status --web` serves it for the supervisors on their unix sockets.
// Loaded in Debian's chromium: a row per process, and a change that arrives without a reload.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import { type Browser, chromium, type Page } from 'playwright-core';

import '../helpers/no-warnings.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { httpGet, openGet, readBody, waitForApi } from '../helpers/http-client.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 90_000 };
const TOKEN = 'Tok3n-0f-the-live-page-3e';
const CSP_META =
  /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*connect-src 'self'/;

/**
 * agent idles; checker's liveness check passes until TRIGGER exists, then fails quoting the token:
 * checker is stopped as unhealthy and the run ends (exit 1).
 */
async function writeExecConfig(t: TestContext, prefix: string) {
  const { dir, pidsFile } = await makeScratch(t, prefix);
  const trigger = path.join(dir, 'trigger');
  const config = runtimeConfig(
    [
      { name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] },
      {
        name: 'checker',
        command: proc('sleep-forever.sh'),
        memoryMb: 32,
        sidecarFor: ['web'],
        healthCheck: healthCheck({
          type: 'exec',
          command: `test ! -e ${JSON.stringify(trigger)} || { echo "token=$SECRET_TOKEN"; exit 1; }`,
          timeoutMs: 10_000,
          invocationTimeoutMs: 2_000,
          intervalMs: 300,
        }),
      },
    ],
    { web: healthCheck({ type: 'process' }) },
  );
  return { dir, pidsFile, trigger, config: writeConfig(dir, config) };
}

async function openBrowser(t: TestContext): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  t.after(() => browser.close());
  return browser;
}

/** Opens the page, watching for console errors and any request to another origin. */
async function openPage(browser: Browser, url: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(url)) foreign.push(request.url());
  });
  await page.goto(url);
  return { page, errors, foreign };
}

/** An element as the page's script sees it (the tests compile without the DOM's types). */
interface Named {
  getAttribute(name: string): string | null;
}

async function rowNames(page: Page): Promise<string[]> {
  return page.$$eval('svg.timeline g.row', (rows) =>
    rows.map((row) => (row as unknown as Named).getAttribute('data-name') ?? ''),
  );
}

/** Reads /events until the stream ends (the run's end), for what was served. */
function collectEvents(address: string): Promise<string> {
  return openGet(address, '/events').then(readBody);
}

async function assertGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000).catch(() => {});
  assert.deepEqual(alivePids(pids), []);
}

/** The page shows both rows, then the checker's end and the run's result without a reload. */
async function watchTheEnd(page: Page, trigger: string): Promise<void> {
  await waitFor(
    'a row per process',
    async () => (await rowNames(page)).sort().join(',') === 'agent,checker',
    20_000,
  );
  assert.equal(await page.textContent('#live .result'), 'RUNNING');
  await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
  writeFileSync(trigger, '');
  await page.waitForSelector('svg.timeline g.row.cause[data-name="checker"]', { timeout: 20_000 });
  await waitFor('the result', async () => (await page.textContent('#live .result')) === 'FAILURE', 20_000);
  assert.equal(
    await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
    true,
  );
}

test(
  'exec --status 127.0.0.1:0: GET / is the live page; chromium sees the rows and the end live',
  TIMEOUT,
  async (t) => {
    const { pidsFile, trigger, config } = await writeExecConfig(t, 'live-exec');
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--status', '127.0.0.1:0'], {
      env: { PIDS_FILE: pidsFile, SECRET_TOKEN: TOKEN },
    });
    const address = await waitForApi(cli);
    assert.ok(
      cli.lines.some((l) => l.includes(`"page":"http://${address}/"`)),
      'the supervisor prints the page address',
    );
    const home = await httpGet(address, '/');
    assert.equal(home.status, 200);
    assert.equal(home.type, 'text/html; charset=utf-8');
    assert.match(home.text, CSP_META);
    const served = collectEvents(address);
    const browser = await openBrowser(t);
    const { page, errors, foreign } = await openPage(browser, `http://${address}/`);
    await watchTheEnd(page, trigger);
    const errorsAtTheEnd = [...errors];
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    const events = await served;
    assert.match(events, /"health\.failed"/, 'the failing check that quoted the token was served');
    for (const text of [home.text, events, await page.content()]) assert.ok(!text.includes(TOKEN));
    assert.deepEqual(errorsAtTheEnd, [], 'no console error while the run went on');
    // once the page has shown the end, a request still in flight when exec exits may be refused
    assert.deepEqual(
      errors.slice(errorsAtTheEnd.length).filter((e) => !e.includes('net::ERR_CONNECTION_REFUSED')),
      [],
    );
    assert.deepEqual(foreign, []);
    await assertGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test('status --web serves the page of a supervisor on its unix socket, until SIGINT', TIMEOUT, async (t) => {
  const { dir, pidsFile, trigger, config } = await writeExecConfig(t, 'live-web');
  const env = { TMPDIR: dir, PIDS_FILE: pidsFile, SECRET_TOKEN: TOKEN };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  assert.match(await waitForApi(cli), /^unix:/);
  const web = startSidecars(['status', '--web', '127.0.0.1:0'], { env });
  const url = await waitFor('status --web to listen', () => {
    const match = /live report page on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(web.lines.join('\n'));
    return match?.[1];
  });
  const address = url.slice('http://'.length, -1);
  const home = await httpGet(address, '/');
  assert.equal(home.status, 200);
  assert.match(home.text, CSP_META);
  const state = JSON.parse((await httpGet(address, '/state')).text) as { processes: Record<string, unknown> };
  assert.deepEqual(Object.keys(state.processes).sort(), ['agent', 'checker']);
  assert.equal((await httpGet(address, '/nothing')).status, 404);
  assert.equal((await httpGet(address, '/state', 'POST')).status, 405);
  const served = collectEvents(address);
  const browser = await openBrowser(t);
  const { page, errors, foreign } = await openPage(browser, url);
  await watchTheEnd(page, trigger);
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  const events = await served;
  assert.match(events, /"health\.failed"/);
  for (const text of [home.text, events, await page.content()]) assert.ok(!text.includes(TOKEN));
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  web.child.kill('SIGINT');
  assert.deepEqual(await web.exited, { code: 0, signal: null });
  await assertGone([cli.pid, web.pid, ...readPids(pidsFile)]);
});

test(
  'run --status 127.0.0.1:0 prints the page address; the page has its processes and the nested sidecars',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile, trigger } = await writeExecConfig(t, 'live-run');
    const config = runtimeConfig(
      [
        {
          name: 'quitter',
          command: `${proc('sleep-forever.sh')} & while [ ! -e ${JSON.stringify(trigger)} ]; do sleep 0.1; done; exit 3`,
          memoryMb: 32,
          sidecarFor: ['web'],
        },
      ],
      { web: healthCheck({ type: 'process' }) },
    );
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: proc('sleep-forever.sh'),
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const port = await freePort();
    const cli = startSidecars(
      [
        'run',
        droplet,
        '--port',
        String(port),
        '--grace-ms',
        '2000',
        '--status',
        '127.0.0.1:0',
        '--env',
        `PIDS_FILE=${pidsFile}`,
      ],
      { env: {} },
    );
    const address = await waitForApi(cli);
    assert.ok(
      cli.lines.some((l) => l.includes(`live report page: http://${address}/`)),
      cli.text(),
    );
    const home = await httpGet(address, '/');
    assert.equal(home.status, 200);
    assert.match(home.text, CSP_META);
    const browser = await openBrowser(t);
    const { page, errors, foreign } = await openPage(browser, `http://${address}/`);
    await waitFor(
      'rows for web, the nested exec and its sidecar',
      async () => (await rowNames(page)).sort().join(',') === 'sidecars-web,sidecars-web/quitter,web',
      30_000,
    );
    writeFileSync(trigger, '');
    await waitFor('the result', async () => (await page.textContent('#live .result')) === 'FAILURE', 20_000);
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await assertGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'status --web refuses any address but loopback TCP, with a clear error and exit 1',
  TIMEOUT,
  async () => {
    const runs: RunningCli[] = [];
    for (const address of ['0.0.0.0:0', '192.168.1.10:8080', 'unix:/tmp/page.sock', 'nonsense']) {
      const cli = startSidecars(['status', '--web', address], { env: {} });
      runs.push(cli);
      assert.deepEqual(await cli.exited, { code: 1, signal: null }, address);
      assert.match(
        cli.stderr.join('\n'),
        new RegExp(`^sidecars status: --web ${address.replace(/[.]/g, '\\.')}: `),
      );
      assert.match(cli.stderr.join('\n'), /Use --web 127\.0\.0\.1:PORT/);
      assert.doesNotMatch(cli.text(), /\n\s+at /, 'no stack trace');
    }
    await assertGone(runs.map((cli) => cli.pid));
  },
);
