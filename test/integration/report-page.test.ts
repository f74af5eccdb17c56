// The run's page, report.html, of real runs (a crash under `sidecars run`, a memory kill, a restart
// loop), opened from file:// in Debian's chromium: no console error, no request but the page itself,
// one timeline row per process (nested sidecars included), the run's cause red, the kill marked,
// the limit drawn, hostile log bytes shown as text. And `sidecars report DIR`.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';

import type { Browser } from 'playwright-core';

import { HELP } from '../../src/cli/report.js';
import { renderReport, toEmptyModel } from '../../src/report/render-report.js';
import { keepScreenshot, launchChromium, openFile, type OpenedPage } from '../helpers/browser.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 120_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };
/** What a hostile process may print: markup, a script end, invalid UTF-8, terminal and control bytes. */
const HOSTILE = String.raw`printf '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> \377\376 bad \033[31mred\033[0m \001 end\n'`;

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

function sidecar(name: string, command: string, memoryMb = 64, extra: object = {}) {
  return { name, command, memoryMb, sidecarFor: ['web'], ...extra };
}

async function assertGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

/** The page of `artifacts`, checked for what every page must hold; a screenshot kept. */
async function openReport(t: TestContext, artifacts: string, shot: string): Promise<OpenedPage> {
  const file = path.join(artifacts, 'report.html');
  assert.ok(existsSync(file), 'the run wrote report.html');
  const opened = await openFile(browser, file);
  t.after(() => opened.page.close());
  const screenshot = await keepScreenshot(opened.page, shot);
  t.diagnostic(`screenshot: ${screenshot}`);
  console.log(`screenshot: ${screenshot}`);
  assert.deepEqual(opened.errors, [], 'no console error');
  assert.deepEqual(opened.requests, [opened.page.url()], 'no request but the page itself');
  return opened;
}

/** The `data-name` of every element `selector` finds, in order. */
async function names(o: OpenedPage, selector: string): Promise<string[]> {
  const out: string[] = [];
  for (const element of await o.page.locator(selector).all())
    out.push((await element.getAttribute('data-name')) ?? '');
  return out;
}

const rowNames = (o: OpenedPage): Promise<string[]> => names(o, 'svg.timeline g.row');

test(
  'a crash under `sidecars run`: one row per process, nested ones included; the crasher red, its log text',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'page-crash');
    const crasher = `echo starting; sleep 0.5; ${HOSTILE}; exec ${proc('exit-with.sh')} 3 0.3`;
    const config = runtimeConfig(
      [sidecar('crasher', crasher, 32), sidecar('agent', proc('sleep-forever.sh'))],
      {
        web: healthCheck(),
      },
    );
    const port = await freePort();
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: `node ${proc('http-server.cjs')}`,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const artifacts = path.join(dir, 'artifacts');
    const cli = startCleaned(
      t,
      [
        'run',
        droplet,
        '--port',
        String(port),
        '--grace-ms',
        '2000',
        '--artifacts',
        artifacts,
        '--env',
        `PIDS_FILE=${pidsFile}`,
      ],
      { env: {} },
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const opened = await openReport(t, artifacts, 'report-crash');
    const { page } = opened;
    assert.deepEqual(await rowNames(opened), [
      'web',
      'sidecars-web',
      'sidecars-web/crasher',
      'sidecars-web/agent',
    ]);
    assert.deepEqual(await names(opened, 'svg.timeline g.row.cause'), ['sidecars-web/crasher']);
    assert.match(
      await page.locator('.verdict').innerText(),
      /^sidecars-web\/crasher ended the run: exited with code 3 at \d\d:\d\d:\d\d\.\d{3} \(\+[\d.]+ s\)/,
    );
    assert.equal(await page.locator('svg.timeline g.row.cause .mk-exit').count(), 1, 'its exit is marked');
    // the hostile bytes are text: nothing ran, nothing was loaded, invalid UTF-8 shows as U+FFFD
    assert.equal(await page.evaluate('typeof window.pwned'), 'undefined');
    const last = await page.locator('details.log.cause pre.last').innerText();
    assert.match(
      last,
      /<\/script><script>window\.pwned=1<\/script><img src=x onerror="window\.pwned=2"> \uFFFD\uFFFD bad red ␁ end/,
    );
    assert.match(last, /exiting with 3$/);
    // the filter box finds a line in every log
    await page.fill('#filter', 'exiting with');
    assert.equal(await page.locator('details.log.cause pre.tail').innerText(), 'exiting with 3');
    assert.equal(
      await page.locator('#matches').innerText(),
      '2 matching line(s)' /* its own log and the nested exec's, which passes it on */,
    );
    await assertGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'a memory kill: the kill marked on the timeline and on the memory chart, the limit drawn',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'page-oom');
    const hog = `echo growing; node ${proc('grow-rss.cjs')} & wait`;
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('hog', hog, 80), sidecar('agent', proc('sleep-forever.sh'))], PROCESS_CHECK),
    );
    const artifacts = path.join(dir, 'artifacts');
    const cli = startCleaned(
      t,
      ['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '100', '--artifacts', artifacts],
      { env: { PIDS_FILE: pidsFile, STEP_MB: '16', STEP_MS: '100' } },
    );
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const opened = await openReport(t, artifacts, 'report-oom');
    const { page } = opened;
    assert.deepEqual(await rowNames(opened), ['hog', 'agent']);
    assert.equal(await page.locator('svg.timeline g.row.cause').getAttribute('data-name'), 'hog');
    assert.equal(await page.locator('svg.timeline g.row.cause .mk-oom').count(), 1, 'the kill is marked');
    const chart = page.locator('.chart.cause');
    assert.equal(await chart.getAttribute('data-name'), 'hog');
    assert.equal(await chart.locator('line.limit').count(), 1, 'the limit is drawn');
    assert.match((await chart.locator('text.limit-label').textContent()) ?? '', /^limit 80 MB$/);
    assert.equal(await chart.locator('circle.kill').count(), 1, 'the kill point is marked');
    assert.match(
      await chart.locator('h3 small').innerText(),
      /^peak \d+(\.\d)? MB = 1\d\d% of its 80 MB limit$/,
    );
    assert.match(
      await page.locator('.verdict').innerText(),
      /^hog ended the run: memory limit exceeded: killed by SIGKILL/,
    );
    await assertGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test("a restart loop: every restart marked, the budget's end named", TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'page-loop');
  const flaky = sidecar('flaky', `echo try; exec ${proc('exit-with.sh')} 1`, 32, {
    restart: { policy: 'on-failure', maxRestarts: 2 },
  });
  const config = writeConfig(
    dir,
    runtimeConfig([flaky, sidecar('agent', proc('sleep-forever.sh'))], PROCESS_CHECK),
  );
  const artifacts = path.join(dir, 'artifacts');
  const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
    env: { PIDS_FILE: pidsFile },
  });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  const opened = await openReport(t, artifacts, 'report-restart-loop');
  const { page } = opened;
  assert.deepEqual(await rowNames(opened), ['flaky', 'agent']);
  const row = page.locator('svg.timeline g.row.cause');
  assert.equal(await row.getAttribute('data-name'), 'flaky');
  const restarts = await row.locator('.mk-restart title').allTextContents();
  const counted = restarts.reduce(
    (sum, text) => sum + (/^(\d+) ×/.exec(text) ? Number(/^(\d+) ×/.exec(text)?.[1]) : 1),
    0,
  );
  assert.equal(counted, 2, restarts.join(' | '));
  assert.match(
    await page.locator('table.ends tr.cause').innerText(),
    /restart budget exhausted: exited with code 1\t.*\t2\t/,
  );
  await assertGone([cli.pid, ...readPids(pidsFile)]);
});

test(
  'sidecars report DIR rewrites the page and prints its path; a missing or non-records dir is an error',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'page-cli');
    const help = startCleaned(t, ['report', '--help'], { env: {} });
    assert.deepEqual(await help.exited, { code: 0, signal: null });
    assert.equal(help.lines.join('\n'), HELP);

    const missing = startCleaned(t, ['report', path.join(dir, 'nope')], { env: {} });
    assert.deepEqual(await missing.exited, { code: 1, signal: null });
    assert.deepEqual(missing.stderr, [
      `sidecars report: ${path.join(dir, 'nope')}: no such directory`,
      'Give the --artifacts DIR of a run.',
    ]);

    const empty = startCleaned(t, ['report', dir], { env: {} });
    assert.deepEqual(await empty.exited, { code: 1, signal: null });
    assert.deepEqual(empty.stderr, [
      `sidecars report: ${dir} holds no run records: no started.json or finished.json there`,
      'Give the --artifacts DIR of a `sidecars exec` or `sidecars run` (or a run downloaded from the store).',
    ]);

    // records of an older version: no events.jsonl, no memory.json, no page
    const records = path.join(dir, 'records');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(records);
    const s = 1_795_310_000;
    writeFileSync(
      path.join(records, 'started.json'),
      JSON.stringify({
        timestamp: s,
        metadata: {
          version: '0.0.9',
          mode: 'exec',
          processes: [{ name: 'agent', type: 'sidecar', command: 'x', memory_limit_mb: 64 }],
        },
      }),
    );
    writeFileSync(
      path.join(records, 'finished.json'),
      JSON.stringify({
        timestamp: s + 5,
        passed: false,
        result: 'FAILURE',
        metadata: {
          exit_code: 3,
          cause: { process: 'agent' },
          summary: 'agent exited with code 3',
          processes: {
            agent: {
              exit_code: 3,
              signal: null,
              reason: 'exited',
              forced: false,
              peak_rss_mb: 12.5,
              started_at: s + 0.2,
              finished_at: s + 4.5,
              detail: null,
            },
          },
        },
      }),
    );
    writeFileSync(path.join(records, 'agent.log'), 'SECRET_TOKEN_VALUE_123 leaked\n');
    const report = startCleaned(t, ['report', records], { env: { API_TOKEN: 'SECRET_TOKEN_VALUE_123' } });
    assert.deepEqual(await report.exited, { code: 0, signal: null });
    const file = path.join(records, 'report.html');
    assert.deepEqual(report.lines, [file]);
    assert.ok(statSync(file).size > 0);
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /SECRET_TOKEN_VALUE_123/, 'a secret of the environment is masked');
    const opened = await openReport(t, records, 'report-old-records');
    assert.deepEqual(await rowNames(opened), ['agent']);
    assert.equal(await opened.page.locator('svg.timeline g.row.cause .mk-exit').count(), 1);
    rmSync(file);
  },
);

test('no chromium: the tests fail and say what to install, never skip', async () => {
  await assert.rejects(launchChromium('/nonexistent/chromium'), {
    message:
      "chromium is not installed (/nonexistent/chromium is missing): the run page's tests need Debian's chromium. Run `bash test/setup/system-packages.sh` (as root it installs it; else it prints the apt-get line).",
  });
});

test(
  'live: the page served from the state API’s origin follows /events and /state of a real run to its end',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'page-live');
    const crasher = `echo starting; sleep 4; exec ${proc('exit-with.sh')} 3`;
    const config = writeConfig(
      dir,
      runtimeConfig(
        [sidecar('crasher', crasher, 32), sidecar('agent', proc('sleep-forever.sh'))],
        PROCESS_CHECK,
      ),
    );
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const cli = startCleaned(
      t,
      ['exec', '--for', 'web', '--config', config, '--status', `127.0.0.1:${port}`],
      {
        env: { PIDS_FILE: pidsFile },
      },
    );
    await waitFor(
      'the state API to listen',
      () => cli.lines.some((line) => line.includes('"status.listening"')),
      20_000,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    t.after(() => page.close());
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      // once the run ends its API is gone: a last poll may find nothing listening
      if (message.type() === 'error' && !message.text().includes('ERR_CONNECTION_REFUSED'))
        errors.push(message.text());
    });
    page.on('request', (request) => requests.push(request.url()));
    // the live helper serves the page at GET /; here the test does, on the API's own origin
    const html = renderReport(toEmptyModel(Date.now()), { live: { pollMs: 500 } });
    await page.route(`${origin}/`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto(`${origin}/`);
    await page.waitForSelector('svg.timeline g.row[data-name="agent"]', { timeout: 20_000 });
    assert.match(await page.locator('#live-status').innerText(), /^(live|finished)$/);
    await page.waitForSelector('svg.timeline g.row.cause[data-name="crasher"]', { timeout: 30_000 });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    await page.waitForSelector('.result.r-FAILURE', { timeout: 10_000 });
    assert.equal(await page.locator('#live-status').innerText(), 'finished');
    const shot = await keepScreenshot(page, 'report-live');
    t.diagnostic(`screenshot: ${shot}`);
    assert.deepEqual(errors, []);
    assert.deepEqual(await names({ page, errors, requests }, 'svg.timeline g.row'), ['crasher', 'agent']);
    assert.equal(await page.locator('svg.timeline g.row.cause .mk-exit').count(), 1);
    assert.equal(
      await page.locator('.chart[data-name="agent"] line.limit').count(),
      1,
      'the limit, from /state',
    );
    assert.deepEqual(
      [...new Set(requests.map((url) => new URL(url).pathname))].sort(),
      ['/', '/events', '/state'],
      'its own origin only',
    );
    assert.ok(
      requests.every((url) => url.startsWith(`${origin}/`)),
      requests.join(' '),
    );
    await assertGone([cli.pid, ...readPids(pidsFile)]);
  },
);
