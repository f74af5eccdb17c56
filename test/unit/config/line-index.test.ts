// Pins js-yaml's lightly documented `listener` behaviour that the line index relies on.
import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseConfigText } from '../../../src/config/parse-file.js';

function lines(text: string): (path: (string | number)[]) => number {
  const parsed = parseConfigText(Buffer.from(text), 'sidecars.yml');
  assert.ok(parsed.ok);
  return (path) => parsed.lines.lineOf(path);
}

test('a value is located at the line of its key, in block style and one-line flow style', () => {
  const lineOf = lines(
    [
      '# a comment',
      'layout: grouped',
      'sidecars:',
      '  - name: a',
      '    command: run a',
      '',
      '    memory: 64M',
      '  - {name: b, command: run b, memory: 32}',
      '',
      'processes:',
      '  web:',
      '    health_check:',
      '      type: http',
    ].join('\n'),
  );
  assert.equal(lineOf(['layout']), 2);
  assert.equal(lineOf(['sidecars']), 3);
  assert.equal(lineOf(['sidecars', 0]), 4);
  assert.equal(lineOf(['sidecars', 0, 'name']), 4);
  assert.equal(lineOf(['sidecars', 0, 'memory']), 7);
  assert.equal(lineOf(['sidecars', 1, 'name']), 8);
  assert.equal(lineOf(['sidecars', 1, 'memory']), 8);
  assert.equal(lineOf(['processes', 'web', 'health_check', 'type']), 13);
});

test('an unknown path falls back to the deepest known ancestor', () => {
  const lineOf = lines('sidecars:\n  - name: a\n    memory: 1\n');
  assert.equal(lineOf(['sidecars', 0, 'command']), 2);
  assert.equal(lineOf(['nothing', 'here']), 1);
});

test('a multi-line value is located at its key', () => {
  const lineOf = lines('sidecars:\n  - name: a\n    command: >\n      run\n      a\n    memory: 1\n');
  assert.equal(lineOf(['sidecars', 0, 'command']), 3);
  assert.equal(lineOf(['sidecars', 0, 'memory']), 6);
});
