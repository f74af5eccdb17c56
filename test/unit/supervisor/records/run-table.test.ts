import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import type { RunRow } from '../../../../src/supervisor/records/run-rows.js';
import { toCauseText, toDurationText, toRunTable } from '../../../../src/supervisor/records/run-table.js';

function row(overrides: Partial<RunRow>): RunRow {
  return {
    app: 'shop',
    instance: 'web-0',
    run_id: '20261126T100000-000Z-0000000a',
    url: 's3://records/ci/shop/web-0/20261126T100000-000Z-0000000a/',
    started_at: '2026-11-26T10:00:00Z',
    finished_at: '2026-11-26T10:02:05Z',
    duration_s: 125,
    result: 'SUCCESS',
    exit_code: 0,
    cause: null,
    summary: 'all processes exited with code 0',
    problems: [],
    ...overrides,
  };
}

test('durations', () => {
  assert.deepEqual([null, 0, 59, 60, 125, 3600 + 4 * 60 + 9, 2 * 86_400 + 3 * 3600].map(toDurationText), [
    '-',
    '0s',
    '59s',
    '1m00s',
    '2m05s',
    '1h04m',
    '2d03h',
  ]);
});

test('causes: a process, a signal, and extra fields in parentheses', () => {
  assert.equal(toCauseText(null), '-');
  assert.equal(toCauseText({ process: 'agent' }), 'agent');
  assert.equal(toCauseText({ signal: 'SIGTERM' }), 'SIGTERM');
  assert.equal(toCauseText({ process: 'agent', entry: 'sidecars-web' }), 'agent (sidecars-web)');
  assert.equal(toCauseText({ process: 'agent', code: 3 }), 'agent (code=3)');
  assert.equal(toCauseText({}), '-');
});

test('the table: aligned columns, an APP column on request, the summary cut to the width', () => {
  const rows = [
    row({
      run_id: '20261126T120000-000Z-0000000c',
      instance: 'worker-1',
      result: 'FAILURE',
      cause: { process: 'agent', entry: 'sidecars-worker' },
      summary: `agent exited with code 3; stopped 1 other process(es)\nand more`,
    }),
    row({ app: 'blog', result: 'no finished.json', duration_s: null, summary: null, finished_at: null }),
  ];
  assert.deepEqual(toRunTable(rows, { showApp: false, widthCols: 200 }), [
    'RUN ID                         INSTANCE  STARTED (UTC)        DURATION  RESULT            CAUSE                    SUMMARY',
    '20261126T120000-000Z-0000000c  worker-1  2026-11-26 10:00:00  2m05s     FAILURE           agent (sidecars-worker)  agent exited with code 3; stopped 1 other process(es) and more',
    '20261126T100000-000Z-0000000a  web-0     2026-11-26 10:00:00  -         no finished.json  -                        -',
  ]);
  const narrow = toRunTable(rows, { showApp: true, widthCols: 160 });
  assert.equal(
    narrow[0]?.split(/\s{2,}/).join('|'),
    'RUN ID|APP|INSTANCE|STARTED (UTC)|DURATION|RESULT|CAUSE|SUMMARY',
  );
  assert.match(narrow[1] ?? '', / {2}shop {2}worker-1 {2}.* agent exited with code 3; stopped 1 ot…$/);
  assert.ok(narrow.every((line) => line.length <= 160));
  assert.match(narrow[2] ?? '', / {2}blog {2}web-0 {2}/);
});

test('not a terminal: the summary is cut at 120 columns only', () => {
  const long = 'x'.repeat(130);
  const [, line] = toRunTable([row({ summary: long })], { showApp: false, widthCols: null });
  assert.ok(line?.endsWith(`  ${'x'.repeat(119)}…`), line);
  const [, short] = toRunTable([row({ summary: 'y'.repeat(120) })], { showApp: false, widthCols: null });
  assert.ok(short?.endsWith(`  ${'y'.repeat(120)}`), short);
});

test('problems show beside the summary; a narrow terminal still leaves the summary some room', () => {
  const lines = toRunTable(
    [row({ result: 'unreadable', summary: null, problems: ['finished.json is not JSON'] })],
    {
      showApp: false,
      widthCols: 10,
    },
  );
  assert.match(lines[1] ?? '', /unreadable {2}- {6}\[finished.json is n…$/);
});
