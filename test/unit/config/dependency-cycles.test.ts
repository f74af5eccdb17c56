import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { findDependencyCycles, formatCycle } from '../../../src/config/dependency-cycles.js';

const graph = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

test('no cycle in a chain or a diamond', () => {
  assert.deepEqual(findDependencyCycles(graph({ a: ['b'], b: ['c'], c: [] })), []);
  assert.deepEqual(findDependencyCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] })), []);
});

test('a two-member cycle is named once, from the member listed first', () => {
  const cycles = findDependencyCycles(graph({ x: [], b: ['a'], a: ['b'] }));
  assert.deepEqual(cycles, [['b', 'a', 'b']]);
  assert.equal(formatCycle(cycles[0] ?? []), 'b → a → b');
});

test('a longer cycle and a separate one are both found; unknown names are ignored', () => {
  const cycles = findDependencyCycles(
    graph({ a: ['b', 'nowhere'], b: ['c'], c: ['a'], d: ['e'], e: ['d'], f: ['a'] }),
  );
  assert.deepEqual(cycles, [
    ['a', 'b', 'c', 'a'],
    ['d', 'e', 'd'],
  ]);
});
