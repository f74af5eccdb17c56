import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createCheckOutput } from '../../../../src/supervisor/health/check-output.js';

test('a character split between two reads is whole again', () => {
  const output = createCheckOutput(4_096);
  const bytes = Buffer.from('not ready: €uro\n');
  output.keep(bytes.subarray(0, 12));
  output.keep(bytes.subarray(12));
  assert.equal(output.lastLine(200), 'not ready: €uro');
});

test('the kept end starts at a whole character; the line is cut before half a surrogate pair', () => {
  const output = createCheckOutput(4_096);
  output.keep(Buffer.from(`a${'😀'.repeat(10_000)}\n`));
  const line = output.lastLine(201);
  assert.equal(line, '😀'.repeat(100), '201 UTF-16 units would end with half of one');
  assert.equal(output.lastLine(5_000), '😀'.repeat(1_023), 'from the first whole one kept');
});

test('the last non-empty line, whole when short', () => {
  const output = createCheckOutput(4_096);
  output.keep(Buffer.from('first\nconnection refused\n\n'));
  assert.equal(output.lastLine(200), 'connection refused');
  assert.equal(createCheckOutput(4_096).lastLine(200), '');
});
