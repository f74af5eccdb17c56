import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { firstInvalidUtf8, lineAt } from '../../../src/config/utf8.js';

test('firstInvalidUtf8 points at the byte that starts the bad sequence', () => {
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe9, 0x0a, 0x63])), 2); // Latin-1 é, then a newline
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe9])), 1); // cut short at the end
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x80, 0x62])), 1); // a lone continuation byte
  assert.equal(firstInvalidUtf8(Buffer.concat([Buffer.from('ok ✓ '), Buffer.from([0xff])])), 7);
});

test('lineAt counts lines from 1', () => {
  const bytes = Buffer.from('a\nb\nc');
  assert.equal(lineAt(bytes, 0), 1);
  assert.equal(lineAt(bytes, 2), 2);
  assert.equal(lineAt(bytes, 4), 3);
});
