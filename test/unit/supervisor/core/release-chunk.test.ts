import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { releaseChunk } from '../../../../src/supervisor/core/release-chunk.js';

const canTransfer = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';

test('a buffer that is all of its own memory is freed (where ArrayBuffer.transfer exists)', () => {
  const chunk = Buffer.allocUnsafeSlow(65_536).fill(1);
  releaseChunk(chunk);
  assert.equal(chunk.length, canTransfer ? 0 : 65_536);
});

test('a slice of a larger buffer, or of the shared pool, is left alone', () => {
  const whole = Buffer.alloc(65_536, 1);
  const slice = whole.subarray(1);
  releaseChunk(slice);
  assert.equal(slice.length, 65_535);
  assert.equal(whole.length, 65_536);
  const pooled = Buffer.from('a line\n');
  const neighbour = Buffer.from('another\n');
  releaseChunk(pooled);
  assert.equal(pooled.toString(), 'a line\n');
  assert.equal(neighbour.toString(), 'another\n');
});
