import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { parseStatmRss, parseUints } from '../../../../src/supervisor/proc/proc-stat.js';

test('parseUints reads the pids of a children file, with or without a trailing space', () => {
  const parse = (text: string): number[] => {
    const into: number[] = [7];
    parseUints(Buffer.from(text), Buffer.byteLength(text), into);
    return into;
  };
  assert.deepEqual(parse('123 4567 '), [7, 123, 4567]);
  assert.deepEqual(parse('8'), [7, 8]);
  assert.deepEqual(parse(''), [7]);
});

test('parseStatmRss reads resident pages as bytes; size 0 (exited, not reaped) is -1; garbage is null', () => {
  const parse = (text: string) => parseStatmRss(Buffer.from(text), Buffer.byteLength(text), 4096);
  assert.equal(parse('2458 330 283 236 0 102 0\n'), 330 * 4096);
  assert.equal(parse('0 0 0 0 0 0 0\n'), -1);
  assert.equal(parse('12'), null);
  assert.equal(parse(''), null);
});
