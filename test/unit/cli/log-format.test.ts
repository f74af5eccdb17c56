import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { toLogFormat, toNestedLogEnv } from '../../../src/cli/log-format.js';

test('auto: text with colour on a terminal, JSON on a pipe', () => {
  assert.deepEqual(toLogFormat({ flag: undefined, isTTY: true, noColor: undefined }), {
    format: 'text',
    colour: true,
  });
  assert.deepEqual(toLogFormat({ flag: undefined, isTTY: false, noColor: undefined }), {
    format: 'json',
    colour: false,
  });
});

test('--log-format wins over the terminal; NO_COLOR and a pipe turn colour off', () => {
  assert.deepEqual(toLogFormat({ flag: 'json', isTTY: true, noColor: undefined }), {
    format: 'json',
    colour: false,
  });
  assert.deepEqual(toLogFormat({ flag: 'text', isTTY: false, noColor: undefined }), {
    format: 'text',
    colour: false,
  });
  assert.deepEqual(toLogFormat({ flag: 'text', isTTY: true, noColor: '1' }), {
    format: 'text',
    colour: false,
  });
  assert.deepEqual(toLogFormat({ flag: 'auto', isTTY: true, noColor: '' }), { format: 'text', colour: true });
});

test("a nested exec follows run's format, uncoloured; its own flag still wins", () => {
  assert.deepEqual(toLogFormat({ flag: undefined, fromRun: 'text', isTTY: false, noColor: undefined }), {
    format: 'text',
    colour: false,
  });
  assert.deepEqual(toLogFormat({ flag: 'json', fromRun: 'text', isTTY: false, noColor: undefined }), {
    format: 'json',
    colour: false,
  });
  assert.deepEqual(toNestedLogEnv({ format: 'text', colour: true }), { SIDECARS_LOG_FORMAT: 'text' });
});

test('a bad value is a usage error naming the flag and the values', () => {
  assert.throws(() => toLogFormat({ flag: 'xml', isTTY: true, noColor: undefined }), {
    message: '--log-format takes auto, text or json, not "xml"',
  });
});
