import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { formatByteSize, parseByteSize } from '../../../src/config/byte-size.js';

test('parseByteSize: bytes, and K/M/G with or without B or iB, 1024-based, any case', () => {
  const sizes: Array<[unknown, number]> = [
    [4096, 4096],
    ['4096', 4096],
    ['512K', 512 * 1024],
    ['1m', 1024 ** 2],
    ['1MiB', 1024 ** 2],
    ['2 MB', 2 * 1024 ** 2],
    ['1G', 1024 ** 3],
  ];
  for (const [input, bytes] of sizes)
    assert.deepEqual(parseByteSize(input), { ok: true, bytes }, String(input));
  for (const bad of ['1.5M', '-1', '0', 0, '1T', 'lots', null, [1], 2.5]) {
    assert.equal(parseByteSize(bad).ok, false, String(bad));
  }
  assert.equal(formatByteSize(1024 ** 2), '1M');
  assert.equal(formatByteSize(512 * 1024), '512K');
  assert.equal(formatByteSize(1000), '1000');
});
