import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { editDistance, suggestKey } from '../../../src/config/suggest-key.js';

const KEYS = ['name', 'command', 'memory', 'sidecar_for'];
const ALIASES = new Map([['process_types', 'sidecar_for']]);

test('suggestKey finds typos, dashes, case and known aliases', () => {
  assert.equal(suggestKey('comand', KEYS, ALIASES), 'command');
  assert.equal(suggestKey('memroy', KEYS, ALIASES), 'memory');
  assert.equal(suggestKey('sidecar-for', KEYS, ALIASES), 'sidecar_for');
  assert.equal(suggestKey('Name', KEYS, ALIASES), 'name');
  assert.equal(suggestKey('process_types', KEYS, ALIASES), 'sidecar_for');
});

test('suggestKey stays silent when nothing is close', () => {
  assert.equal(suggestKey('restart', KEYS, ALIASES), undefined);
  assert.equal(suggestKey('x', KEYS, ALIASES), undefined);
});

test('editDistance counts a transposition as one edit', () => {
  assert.equal(editDistance('memroy', 'memory'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});
