import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseMemory } from '../../../src/config/memory.js';

test('parseMemory accepts integer MB and the CF manifest units, in any case', () => {
  const cases: [unknown, number][] = [
    [64, 64],
    ['64', 64],
    ['64M', 64],
    ['64MB', 64],
    ['64m', 64],
    ['64mb', 64],
    ['1G', 1024],
    ['2GB', 2048],
    ['1g', 1024],
    ['1024m', 1024],
    [' 128M ', 128],
    ['128 M', 128],
  ];
  for (const [input, memoryMb] of cases)
    assert.deepEqual(parseMemory(input), { ok: true, memoryMb }, String(input));
});

test('parseMemory rejects what is not a whole, positive size, saying why', () => {
  const cases: [unknown, string][] = [
    ['64MiB', '"64MiB" is not a memory size: the unit "MiB" is not one of M, MB, G, GB'],
    ['64K', '"64K" is not a memory size: the unit "K" is not one of M, MB, G, GB'],
    ['1.5G', '"1.5G" is not a whole number: write 1536M'],
    ['1.5', '"1.5" is not a whole number of MB'],
    ['x'.repeat(100), `"${'x'.repeat(40)}…" is not a memory size`],
    ['-5', '"-5" is not a memory size'],
    ['lots', '"lots" is not a memory size'],
    ['', '"" is not a memory size'],
    [0, '0 MB is too small: the minimum is 1 MB'],
    ['0M', '"0M" is too small: the minimum is 1 MB'],
    [-1, '-1 MB is too small: the minimum is 1 MB'],
    [1.5, '1.5 is not a whole number of MB'],
    [true, 'true is not a memory size'],
    [null, 'an empty value is not a memory size'],
    [[64], 'a list is not a memory size'],
    [{ mb: 64 }, 'a mapping is not a memory size'],
    ['99999999999999999999G', '"99999999999999999999G" is too large'],
  ];
  for (const [input, reason] of cases)
    assert.deepEqual(parseMemory(input), { ok: false, reason }, String(input));
});
