import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';

import { toAsciiBundle } from '../../../src/packaging/bundle.js';

const ASCII_ONLY = /^[\x20-\x7e\n]*$/;

test('a bundle is written in ASCII: a kept comment with an arrow or an emoji is escaped, its code unchanged', () => {
  const source = "// start → ready 🚀\nmodule.exports = 'ok ' + 1; /* café */\n";
  const ascii = Buffer.from(toAsciiBundle(Buffer.from(source))).toString('latin1');
  assert.match(ascii, ASCII_ONLY);
  assert.equal(
    ascii,
    "// start \\u2192 ready \\ud83d\\ude80\nmodule.exports = 'ok ' + 1; /* caf\\u00e9 */\n",
  );
  const module = { exports: null };
  runInNewContext(ascii, { module });
  assert.equal(module.exports, 'ok 1');
});

test('a bundle already in ASCII is kept as it is, the same bytes', () => {
  const bytes = Buffer.from("module.exports = '\\u2192';\n");
  assert.equal(toAsciiBundle(bytes), bytes);
});

test('the escapes mean the same in code as the characters did', () => {
  const source = "module.exports = ['→', `é${1}`, /ü/.test('ü')];\n";
  const run = (text: string): unknown => {
    const module = { exports: null };
    runInNewContext(text, { module });
    return module.exports;
  };
  const ascii = Buffer.from(toAsciiBundle(Buffer.from(source))).toString('latin1');
  assert.match(ascii, ASCII_ONLY);
  assert.equal(JSON.stringify(run(ascii)), JSON.stringify(run(source)));
});
