// The page's streaming writer: the same page as the whole-string renderer for a small run, a secret
// split across two read chunks still masked, and the logs' budget: 50 processes of 1 MiB each make
// a page within LOGS_BUDGET_BYTES + PAGE_BOUND_BYTES, the run's cause keeping its tail and a link to
// each whole log.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import '../../helpers/no-warnings.js';
import { LOGS_BUDGET_BYTES, toLogAllotments } from '../../../src/report/log-budget.js';
import { CHUNK_BYTES } from '../../../src/report/log-source.js';
import { readReportModel } from '../../../src/report/read-report-model.js';
import { PAGE_BOUND_BYTES, renderReport } from '../../../src/report/render-report.js';
import { writeReport } from '../../../src/report/write-report.js';
import { createCensor, NO_CENSOR, toSecretForms } from '../../../src/supervisor/secrets/censor.js';

const MB = 1048576;
const T0 = 1_795_310_000; // seconds, as the records write them
const scratch = mkdtempSync(path.join(tmpdir(), 'write-report-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A records dir of a run of these processes (the first ended it, with code 3), their logs as given. */
function records(name: string, logs: Record<string, string | Buffer>): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  const names = Object.keys(logs);
  const started = {
    timestamp: T0,
    metadata: {
      version: '0.1.0',
      mode: 'exec',
      run: { id: 'run-1', app: 'shop', process_type: 'web', instance_index: 0 },
      processes: names.map((n) => ({ name: n, type: 'sidecar', command: 'true', memory_limit_mb: 64 })),
    },
  };
  const processes = Object.fromEntries(
    names.map((n, i) => [
      n,
      i === 0
        ? { exit_code: 3, reason: 'exited', started_at: T0, finished_at: T0 + 60, peak_rss_mb: 10 }
        : { signal: 'SIGTERM', reason: 'stopped', started_at: T0, finished_at: T0 + 60, peak_rss_mb: 10 },
    ]),
  );
  const finished = {
    timestamp: T0 + 60,
    result: 'FAILURE',
    metadata: {
      exit_code: 3,
      cause: { process: names[0] },
      summary: `${names[0]} exited with code 3`,
      processes,
    },
  };
  writeFileSync(path.join(dir, 'started.json'), JSON.stringify(started));
  writeFileSync(path.join(dir, 'finished.json'), JSON.stringify(finished));
  for (const [n, log] of Object.entries(logs)) writeFileSync(path.join(dir, `${n}.log`), log);
  return dir;
}

const NOW = (T0 + 61) * 1000;

test('a small run: the streamed page is the page the whole-string renderer makes', async () => {
  const hostile = '</script><b>x</b> & "q" \'s\' \x1b[31mred\x1b[0m \x01 \r\n';
  const many = Array.from({ length: 45 }, (_, i) => `line ${i} ünïcødé ✓`).join('\n') + '\n';
  const dir = records('small', { crasher: `boom\n${hostile}bye\n`, quiet: many, empty: '' });
  const file = await writeReport(dir, { nowMs: NOW });
  const old = renderReport(readReportModel(dir, { nowMs: NOW, logTailBytes: MB, censor: NO_CENSOR }));
  assert.equal(readFileSync(file, 'utf8'), old);
});

test('a long log: characters, CRLFs and terminal escapes split across chunks come out as from the whole-string renderer', async () => {
  // lines of 7, 11 and 13 pieces: chunk edges fall inside a character, a CRLF and an escape somewhere
  const pieces = ['é', '✓', '\r\n', '\x1b[31m', 'red', '\x1b[0m', ' <&> ', '"q"', '\x01', 'x', '\n'];
  let log = '';
  for (let i = 0; Buffer.byteLength(log) < 3 * CHUNK_BYTES; i++)
    log += `${pieces[i % 7]}${pieces[i % 11]}${pieces[(i % 13) % 11]}`;
  const dir = records('long', { crasher: log + '\n' });
  const big = 4 * MB;
  const file = await writeReport(dir, { nowMs: NOW, logTailBytes: big, logsBudgetBytes: big });
  const old = renderReport(readReportModel(dir, { nowMs: NOW, logTailBytes: big, censor: NO_CENSOR }));
  assert.equal(readFileSync(file, 'utf8'), old);
});

test('a secret split across two chunks of a log is masked in the page, in its tail and its last lines', async () => {
  const secret = 'sk_live_0123456789abcdef0123';
  const censor = createCensor(toSecretForms([secret]));
  const before = 'a'.repeat(CHUNK_BYTES - 10); // the secret starts 10 bytes before the chunk's end
  const dir = records('secret', { leaky: `${before}${secret} after\nlast line ${secret}\n` });
  const html = readFileSync(await writeReport(dir, { nowMs: NOW, censor }), 'utf8');
  assert.ok(!html.includes(secret.slice(0, 10)), 'no piece of the secret before the chunk edge');
  assert.ok(!html.includes(secret.slice(10)), 'no piece of the secret after the chunk edge');
  assert.ok(html.includes(`${'X'.repeat(secret.length)} after`));
  assert.ok(html.includes(`last line ${'X'.repeat(secret.length)}`));
});

test('50 processes of 1 MiB each: the page stays within the logs budget + the page bound; the cause keeps its tail', async () => {
  const logs: Record<string, string> = {};
  for (let i = 0; i < 50; i++) {
    const lines = Array.from(
      { length: 16384 },
      (_, n) => `p${i} line ${String(n).padStart(6, '0')} ${'.'.repeat(48)}`,
    );
    logs[`p${String(i).padStart(2, '0')}`] = lines.join('\n') + '\n';
  }
  const dir = records('fifty', logs);
  const file = await writeReport(dir, { nowMs: NOW });
  const size = statSync(file).size;
  assert.ok(size <= LOGS_BUDGET_BYTES + PAGE_BOUND_BYTES, `page ${size} bytes`);
  const html = readFileSync(file, 'utf8');
  const cause = html.slice(
    html.indexOf('<details class="log cause" data-name="p00"'),
    html.indexOf('<details class="log" data-name="p01"'),
  );
  const causeTail = cause.slice(cause.indexOf('<pre class="tail">'));
  // records.log_tail (1 MiB) of page bytes: all but its first lines
  assert.ok(causeTail.length > MB - 4096 && causeTail.length <= MB, `cause tail ${causeTail.length}`);
  assert.ok(cause.includes('p0 line 016383'), 'its last line');
  assert.match(cause, /before this tail left out .*the whole log is <a href="p00.log">p00.log<\/a>/);
  const other = html.slice(html.indexOf('<details class="log" data-name="p49"'));
  assert.match(other, /<a href="p49.log">p49.log<\/a>/);
  assert.ok(other.includes('p49 line 016383'), 'every process keeps its last lines');
});

test('allotments: the cause and the failed first, the rest share what is left, a short log giving way', () => {
  const items = [
    { size: 10 * MB, priority: 0 as const },
    { size: 10 * MB, priority: 1 as const },
    { size: 100, priority: 0 as const },
    { size: 10 * MB, priority: 2 as const },
    { size: 10 * MB, priority: 0 as const },
  ];
  const out = toLogAllotments(items, MB, 3 * MB);
  assert.equal(out[1], MB);
  assert.equal(out[3], MB);
  assert.ok((out[2] ?? 0) >= 100);
  assert.ok(Math.abs((out[0] ?? 0) - (out[4] ?? 0)) <= 1 + 100);
  assert.ok(out.reduce((a, b) => a + b, 0) <= 3 * MB);
});
