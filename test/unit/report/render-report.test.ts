// The page's renderer: hostile text stays text, crowded markers merge with their count, and the
// page keeps its size bound with 10,000 restarts and with a log that escaping would inflate.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { toVisibleText } from '../../../src/report/read-log.js';
import { toFallbackEvents } from '../../../src/report/read-report-model.js';
import { PAGE_BOUND_BYTES, renderReport, renderReportSized } from '../../../src/report/render-report.js';
import type { ReportEvent, ReportModel, ReportProcess } from '../../../src/report/report-model.js';
import { toColumnRuns, toMarkerClusters, toMarkers, toSegments } from '../../../src/report/timeline.js';

const T0 = 1_795_310_000_000;
const MB = 1048576;

function proc(name: string, overrides: Partial<ReportProcess> = {}): ReportProcess {
  return {
    name,
    type: 'sidecar',
    command: 'true',
    limitBytes: 64 * MB,
    startedAtMs: T0,
    finishedAtMs: T0 + 60_000,
    end: { reason: 'stopped', exitCode: null, signal: 'SIGTERM', detail: null },
    peakRssBytes: 10 * MB,
    restarts: 0,
    state: 'killed',
    events: [
      { atMs: T0, type: 'process.running' },
      { atMs: T0 + 60_000, type: 'process.killed', signal: 'SIGTERM', reason: 'stopped' },
    ],
    memory: null,
    log: { text: 'hello\n', omittedBytes: 0 },
    ...overrides,
  };
}

function model(processes: ReportProcess[], overrides: Partial<ReportModel['run']> = {}): ReportModel {
  return {
    run: {
      app: 'shop',
      instance: 'web-0',
      runId: '20261126T215623-555Z-e8dc1d75',
      result: 'FAILURE',
      causeProcess: processes[0]?.name ?? null,
      causeText: processes[0]?.name ?? null,
      summary: 'crasher exited with code 3',
      exitCode: 3,
      startedAtMs: T0,
      finishedAtMs: T0 + 60_000,
      version: '0.1.0',
      mode: 'exec',
      node: null,
      ...overrides,
    },
    processes,
    events: [],
    nowMs: T0 + 61_000,
    notes: [],
    logTailBytes: MB,
  };
}

/** A crash loop: `count` runs of `runMs`, each ended with code 1 and restarted. */
function crashLoop(count: number, runMs: number): ReportEvent[] {
  const events: ReportEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + i * runMs;
    events.push({ atMs: at, type: 'process.running' });
    events.push({
      atMs: at + runMs - 1,
      type: 'process.restarting',
      exitCode: 1,
      signal: null,
      reason: 'exited',
      delayMs: 1,
    });
  }
  events.push({
    atMs: T0 + count * runMs,
    type: 'process.exited',
    exitCode: 1,
    reason: 'restart_budget_exhausted',
  });
  return events;
}

test('hostile text in a log, a name or the summary stays text: escaped, never markup', () => {
  const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & "quoted" \'single\'';
  const html = renderReport(
    model([proc('crasher<b>', { log: { text: `${hostile}\n`, omittedBytes: 0 } })], {
      summary: hostile,
      causeText: hostile,
    }),
  );
  assert.equal(html.match(/<script/gi)?.length, 1, 'only the page’s own script element');
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /crasher<b>/);
  assert.match(
    html,
    /&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt; &amp; &quot;quoted&quot; &#39;single&#39;/,
  );
  assert.match(html, /crasher&lt;b&gt;/);
});

test('control characters and terminal escapes are made visible, not passed on', () => {
  assert.equal(toVisibleText('a\x1b[31mred\x1b[0m\x00\x07\r\nb\tc\x7f'), 'ared␀␇\nb\tc␡');
});

test('the page forbids every request in its Content-Security-Policy; live allows its own origin only', () => {
  const html = renderReport(model([proc('a')]));
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:;/,
  );
  assert.doesNotMatch(html, /connect-src/);
  const live = renderReport(model([proc('a')]), { live: {} });
  assert.match(live, /connect-src 'self'/);
  assert.match(live, /fetch\("\/state"/);
  assert.match(live, /fetch\("\/events"/);
});

test('markers of a kind that crowd merge into one with their count; far ones stay apart', () => {
  const markers = toMarkers([
    { atMs: 0, type: 'process.restarting', exitCode: 1, reason: 'exited' },
    { atMs: 10, type: 'process.restarting', exitCode: 1, reason: 'exited' },
    { atMs: 20, type: 'process.restarting', exitCode: 2, reason: 'exited' },
    { atMs: 15, type: 'memory.exceeded', rssBytes: 70 * MB, limitBytes: 64 * MB },
    { atMs: 900, type: 'process.exited', exitCode: 2, reason: 'exited' },
  ]);
  const clusters = toMarkerClusters(markers, (at) => at, 12);
  assert.deepEqual(
    clusters.map((c) => [c.kind, c.count, c.firstMs, c.lastMs]),
    [
      ['restart', 3, 0, 20],
      ['oom', 1, 15, 15],
      ['exit', 1, 900, 900],
    ],
  );
  assert.match(clusters[0]?.text ?? '', /exit code 2/);
});

test('a crash loop of thousands of short runs is one "restart loop" band, not thousands of bands', () => {
  const p = proc('looper', { events: crashLoop(5000, 10) });
  const runs = toColumnRuns(toSegments(p, T0 + 50_000), T0, T0 + 50_000, 450);
  assert.ok(runs.length <= 3, JSON.stringify(runs.slice(0, 5)));
  assert.equal(runs[0]?.state, 'loop');
});

test('10,000 restarts: the page stays within its bound and says ×10,000', () => {
  const looper = proc('looper', {
    events: crashLoop(10_000, 6),
    restarts: 10_000,
    end: { reason: 'restart_budget_exhausted', exitCode: 1, signal: null, detail: null },
    finishedAtMs: T0 + 60_000,
  });
  const others = Array.from({ length: 10 }, (_, i) => proc(`idle-${i}`));
  const { html, pageBytes } = renderReportSized(model([looper, ...others]));
  assert.ok(pageBytes <= PAGE_BOUND_BYTES, `${pageBytes} bytes`);
  assert.match(html, /×10,000/);
});

test('10,000 restarts spread evenly on 20 rows still fit: markers merge more coarsely', () => {
  const spread = (name: string): ReportProcess => {
    const events: ReportEvent[] = [];
    for (let i = 0; i < 10_000; i++) {
      events.push({ atMs: T0 + i * 6, type: 'process.restarting', exitCode: 1, reason: 'exited' });
      events.push({ atMs: T0 + i * 6 + 1, type: 'health.failed', detail: 'GET /health: 500' });
    }
    return proc(name, { events });
  };
  const { pageBytes } = renderReportSized(model(Array.from({ length: 20 }, (_, i) => spread(`p${i}`))));
  assert.ok(pageBytes <= PAGE_BOUND_BYTES, `${pageBytes} bytes`);
});

test('a log that escaping would inflate keeps to its tail bytes, and says what it left out', () => {
  const text = `${'<&>"'.repeat(256 * 1024 - 1)}\nlast line <b>\n`;
  const { html, pageBytes } = renderReportSized(
    model([proc('noisy', { log: { text, omittedBytes: 5 * MB } })]),
  );
  assert.ok(pageBytes <= PAGE_BOUND_BYTES, `${pageBytes}`);
  assert.ok(Buffer.byteLength(html) <= PAGE_BOUND_BYTES + MB, `${Buffer.byteLength(html)} bytes`);
  assert.match(html, /last line &lt;b&gt;/);
  assert.match(html, /5 MB before this tail not kept/);
  assert.match(html, /1 first lines left out/);
});

test('older records: the timeline comes from finished.json alone (start, restarts, end)', () => {
  const s = T0 / 1000;
  const events = toFallbackEvents(T0, {
    exit_code: null,
    signal: 'SIGKILL',
    reason: 'oom',
    peak_rss_mb: 70,
    started_at: s + 1,
    finished_at: s + 9,
    detail: 'RSS 70 MB over 64 MB',
    restarts: [{ exit_code: 1, signal: null, reason: 'exited', at: s + 3, delay_ms: 500 }],
  });
  assert.deepEqual(
    events.map((e) => [e.type, e.atMs - T0]),
    [
      ['process.waiting', 0],
      ['process.running', 1000],
      ['process.restarting', 3000],
      ['process.running', 3500],
      ['memory.exceeded', 9000],
      ['process.killed', 9000],
    ],
  );
});
