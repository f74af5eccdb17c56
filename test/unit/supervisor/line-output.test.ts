import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';

import {
  createSharedSink,
  MAX_LINE_CHARS,
  pipeLines,
  toPrefixedLines,
} from '../../../src/supervisor/line-output.js';

test('toPrefixedLines prefixes every line of a block', () => {
  assert.equal(toPrefixedLines('a\nb', '[x] '), '[x] a\n[x] b\n');
  assert.equal(toPrefixedLines('a', ''), 'a\n');
});

test('pipeLines writes whole lines only, across chunk and UTF-8 boundaries, and flushes the last', async () => {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  const source = new PassThrough();
  const done = pipeLines(source, createSharedSink(out), 'P ');
  const euro = Buffer.from('€');
  source.write('one\ntw');
  source.write(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)]));
  source.write(Buffer.concat([euro.subarray(1), Buffer.from('\nthree')]));
  source.end();
  await done;
  assert.deepEqual(writes, ['P one\n', 'P two €\n', 'P three\n']);
});

test('a line longer than MAX_LINE_CHARS is cut, never buffered without bound', async () => {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString());
      done();
    },
  });
  const source = new PassThrough();
  const done = pipeLines(source, createSharedSink(out), '');
  source.end('x'.repeat(MAX_LINE_CHARS * 2 + 5));
  await done;
  assert.deepEqual(
    writes.map((w) => w.length),
    [MAX_LINE_CHARS + 1, MAX_LINE_CHARS + 1, 6],
  );
});
