import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toCharBoundary } from '../../../../src/supervisor/core/utf8-boundary.js';

/** `before` ASCII bytes, then `char`, so that a cut at `before + k` falls k bytes into it. */
function around(char: string, before = 4): Buffer {
  return Buffer.concat([Buffer.alloc(before, 0x61), Buffer.from(char), Buffer.from('b')]);
}

test('a cut inside a 2-, 3- or 4-byte character moves back to its first byte', () => {
  for (const char of ['é', '€', '😀']) {
    const bytes = around(char);
    const length = Buffer.byteLength(char);
    for (let k = 1; k < length; k++) assert.equal(toCharBoundary(bytes, 4 + k), 4, `${char} cut ${k} in`);
    assert.equal(toCharBoundary(bytes, 4), 4, `${char}: before it`);
    assert.equal(toCharBoundary(bytes, 4 + length), 4 + length, `${char}: after it`);
  }
});

test('at the end of the bytes, a character that may go on is not split either', () => {
  const bytes = Buffer.from('ab€');
  assert.equal(toCharBoundary(bytes.subarray(0, 3), 3), 2, 'the lead byte alone is kept for the next piece');
  assert.equal(toCharBoundary(bytes.subarray(0, 4), 4), 2);
  assert.equal(toCharBoundary(bytes, 5), 5);
});

test('bytes that are not UTF-8 are cut where asked', () => {
  // Latin-1 é é: a lead byte followed by no continuation byte
  assert.equal(toCharBoundary(Buffer.from([0x61, 0xe9, 0xe9, 0x62]), 2), 2);
  // lone continuation bytes, with no lead byte within reach
  assert.equal(toCharBoundary(Buffer.from([0x61, 0x80, 0x80, 0x80, 0x80, 0x62]), 4), 4);
  // invalid lead bytes (0xc0, 0xff) start nothing
  assert.equal(toCharBoundary(Buffer.from([0xc0, 0x80, 0x62]), 1), 1);
  assert.equal(toCharBoundary(Buffer.from([0xff, 0x80, 0x62]), 1), 1);
  // a 2-byte lead whose sequence already ended before the cut
  assert.equal(toCharBoundary(Buffer.from([0xc3, 0xa9, 0x80, 0x62]), 3), 3);
  assert.equal(toCharBoundary(Buffer.alloc(0), 0), 0);
});
