import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { createLineFilter, splitLines, toLineSource } from '../../../src/cli/log-lines.js';

const LINES = [
  '[APP/PROC/WEB/0] OUT web listening on 8080',
  '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT sleeping',
  '[APP/PROC/WEB/SIDECAR/LOG_SHIPPER/0] ERR oops',
  '{"level":30,"event":"process.running","proc":"web"}',
  'sidecars run: received SIGTERM: stopped 2 process(es)',
];

test('the process of a prefixed line; null for the supervisor’s own lines', () => {
  assert.deepEqual(LINES.map(toLineSource), ['WEB', 'SIDECARS-WEB', 'LOG_SHIPPER', null, null]);
});

test('prefixed lines only; NAME keeps those of that process, in any case', () => {
  assert.deepEqual(LINES.filter(createLineFilter([])), LINES.slice(0, 3));
  assert.deepEqual(LINES.filter(createLineFilter(['web'])), LINES.slice(0, 1));
  assert.deepEqual(LINES.filter(createLineFilter(['sidecars-web', 'log_shipper'])), LINES.slice(1, 3));
});

test('lines split at newlines, the unterminated rest kept for the next read', () => {
  assert.deepEqual(splitLines('', 'a\nb'), { lines: ['a'], rest: 'b' });
  assert.deepEqual(splitLines('b', 'c\n'), { lines: ['bc'], rest: '' });
});
