import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { parsePssBytes } from '../../../../src/supervisor/proc/pss.js';

test('parsePssBytes reads smaps_rollup, and sums the Pss lines of a whole smaps', () => {
  const rollup = [
    '55a0c0000000-7ffd4a1f3000 ---p 00000000 00:00 0                          [rollup]',
    'Rss:              117120 kB',
    'Pss:               39521 kB',
    'Pss_Anon:          30000 kB',
    'Pss_File:           9521 kB',
    'Shared_Clean:      80000 kB',
  ].join('\n');
  assert.equal(parsePssBytes(rollup), 39521 * 1024, 'Pss_Anon and Pss_File are parts, not more');
  const smaps = [
    'Size: 8 kB',
    'Pss:                   4 kB',
    'Rss: 8 kB',
    'Pss:                  10 kB',
  ].join('\n');
  assert.equal(parsePssBytes(smaps), 14 * 1024);
  assert.equal(parsePssBytes('Rss: 8 kB\n'), null, 'no Pss line: no figure, never a 0');
});
