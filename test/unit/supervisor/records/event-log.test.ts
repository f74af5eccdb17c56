import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  addEventLine,
  createEventLog,
  HEAD_EVENTS,
  TAIL_EVENTS,
  toEventLine,
  toEventsText,
} from '../../../../src/supervisor/records/event-log.js';

const MB = 1024 * 1024;
const line = (i: number): string => JSON.stringify({ time: 1_000 + i, event: 'e', i });
const linesOf = (text: string): Array<Record<string, unknown>> =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

test('an event as its log line: time, level, event, msg, then the fields the log has (no `at`)', () => {
  assert.deepEqual(
    toEventLine({
      type: 'memory.exceeded',
      name: 'hog',
      rssBytes: 90 * MB,
      pssBytes: null,
      limitBytes: 64 * MB,
      pids: [7],
      at: 1_795_310_911_123,
    }),
    {
      time: 1_795_310_911_123,
      level: 'error',
      event: 'memory.exceeded',
      msg: 'hog exceeded its memory limit: 90 MB > 64 MB',
      name: 'hog',
      rssBytes: 90 * MB,
      pssBytes: null,
      limitBytes: 64 * MB,
      pids: [7],
    },
  );
  assert.deepEqual(
    toEventLine({
      type: 'process.restarting',
      name: 'crasher',
      cause: 'exited',
      attempt: 2,
      delayMs: 2_000,
      at: 5,
    }),
    {
      time: 5,
      level: 'info',
      event: 'process.restarting',
      msg: 'process.restarting',
      name: 'crasher',
      cause: 'exited',
      attempt: 2,
      delayMs: 2_000,
    },
  );
  assert.equal(
    toEventLine({ type: 'records.uploaded', what: 'interval', objects: 3, tookMs: 9, at: 1 }),
    null,
  );
});

test('under the bound every line is kept, in order, and each is appended', () => {
  const log = createEventLog(3, 4);
  const rewrites = Array.from({ length: 7 }, (_, i) => addEventLine(log, line(i), 1_000 + i));
  assert.deepEqual(rewrites, Array(7).fill(false));
  assert.deepEqual(
    linesOf(toEventsText(log)).map((l) => l['i']),
    [0, 1, 2, 3, 4, 5, 6],
  );
});

test('a crash loop: the first and the last lines kept, one records.events_dropped line between them', () => {
  const log = createEventLog(3, 4);
  const rewrites = Array.from({ length: 20 }, (_, i) => addEventLine(log, line(i), 1_000 + i));
  assert.equal(rewrites.indexOf(true), 7, 'the 8th line is the first the bound drops one for');
  const lines = linesOf(toEventsText(log));
  assert.deepEqual(
    lines.map((l) => l['i'] ?? l['event']),
    [0, 1, 2, 'records.events_dropped', 16, 17, 18, 19],
  );
  assert.deepEqual(lines[3], {
    time: 1_003,
    level: 'warn',
    event: 'records.events_dropped',
    msg: '13 event(s) dropped here to keep events.jsonl bounded (the first 3 and the last 4 are kept)',
    count: 13,
    from: 1_003,
    to: 1_015,
  });
});

test('the default bound: 10,000 restarts keep HEAD_EVENTS + 1 + TAIL_EVENTS lines', () => {
  const log = createEventLog();
  for (let i = 0; i < 50_000; i++) addEventLine(log, line(i), 1_000 + i);
  const lines = linesOf(toEventsText(log));
  assert.equal(lines.length, HEAD_EVENTS + 1 + TAIL_EVENTS);
  assert.equal(lines[HEAD_EVENTS]?.['count'], 50_000 - HEAD_EVENTS - TAIL_EVENTS);
  assert.equal(lines.at(-1)?.['i'], 49_999);
});

test('an empty log is an empty file', () => {
  assert.equal(toEventsText(createEventLog()), '');
});
