import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createSharedSink, MAX_LINE_BYTES } from '../../../../src/supervisor/core/line-output.js';
import { pipeLines } from '../../../../src/supervisor/core/pipe-lines.js';

/** A stream that keeps a copy of every write it gets, as bytes. */
function collector(opts: { highWaterMark?: number } = {}): {
  out: Writable;
  writes: Buffer[];
  text: () => string;
} {
  const writes: Buffer[] = [];
  const out = new Writable({
    ...opts,
    write(chunk: Buffer, _enc, done) {
      writes.push(Buffer.from(chunk));
      done();
    },
  });
  return { out, writes, text: () => Buffer.concat(writes).toString('latin1') };
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

test('pipeLines writes whole lines only, across chunk and UTF-8 boundaries, and ends the last', async () => {
  const { out, writes } = collector();
  const source = new PassThrough();
  const done = pipeLines(source, createSharedSink(out), 'P ');
  const euro = Buffer.from('€');
  source.write('one\ntw');
  source.write(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)]));
  source.write(Buffer.concat([euro.subarray(1), Buffer.from('\nthree')]));
  source.end();
  await done;
  assert.equal(Buffer.concat(writes).toString(), 'P one\nP two €\nP three\n');
  for (const write of writes) assert.ok(write.toString().endsWith('\n'), 'every write ends a line');
});

test('every byte value, Latin-1 and invalid UTF-8 pass through unaltered, prefixed or not', async () => {
  const latin1 = Buffer.from('café été\n', 'latin1');
  const invalid = Buffer.from([0xc3, 0x28, 0x0a, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x0a]);
  const input = Buffer.concat([ALL_BYTES, Buffer.from('\n'), latin1, invalid]);
  for (const prefix of ['', '[bin] ']) {
    const { out, writes } = collector();
    const source = new PassThrough();
    const done = pipeLines(source, createSharedSink(out), prefix);
    // one byte at a time: every boundary a line and a multi-byte sequence can be cut at
    for (const byte of input) source.write(Buffer.from([byte]));
    source.end();
    await done;
    const got = Buffer.concat(writes);
    const expected =
      prefix === ''
        ? input
        : Buffer.concat(
            input
              .toString('latin1')
              .split('\n')
              .slice(0, -1)
              .map((line) => Buffer.from(`${prefix}${line}\n`, 'latin1')),
          );
    assert.ok(got.equals(expected), `prefix ${JSON.stringify(prefix)}: bytes differ`);
  }
});

test('a line longer than MAX_LINE_BYTES is cut into pieces in order, never buffered without bound', async () => {
  const { out, writes } = collector();
  const source = new PassThrough();
  const done = pipeLines(source, createSharedSink(out), 'P ');
  const line = Buffer.alloc(MAX_LINE_BYTES * 2 + 5, 0xe9);
  source.end(line);
  await done;
  assert.deepEqual(
    writes.map((w) => w.length),
    [MAX_LINE_BYTES + 3, MAX_LINE_BYTES + 3, 8],
  );
  const joined = Buffer.concat(writes.map((w) => w.subarray(2, -1)));
  assert.ok(joined.equals(line), 'the pieces put together are the line');
});

test('raw output passes as it comes; a line left open is ended at the end of the output', async () => {
  const { out, writes } = collector();
  const source = new PassThrough();
  const done = pipeLines(source, createSharedSink(out), '');
  source.write('progress: 5');
  await new Promise((resolve) => setImmediate(resolve));
  source.write('0%');
  source.end();
  await done;
  assert.deepEqual(
    writes.map((w) => w.toString()),
    ['progress: 5', '0%', '\n'],
  );
});

test("the supervisor's own line starts on a line of its own when a child left the stream mid-line", async () => {
  const { out, text } = collector();
  const sink = createSharedSink(out);
  assert.equal(createSharedSink(out), sink, 'one sink per stream');
  const source = new PassThrough();
  const done = pipeLines(source, sink, '');
  source.write('progress: 50%');
  await new Promise((resolve) => setImmediate(resolve));
  sink.writeLine('{"event":"process.exited"}\n');
  source.end('whole\n');
  await done;
  sink.writeLine('{"event":"supervisor.finished"}\n');
  sink.endLine();
  assert.equal(text(), 'progress: 50%\n{"event":"process.exited"}\nwhole\n{"event":"supervisor.finished"}\n');
});

test('while the stream has not taken a write, nothing more is written and every source is paused', async () => {
  let release: () => void = () => undefined;
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString());
      release = done;
    },
  });
  const sink = createSharedSink(out);
  const a = new PassThrough();
  const b = new PassThrough();
  const done = [pipeLines(a, sink, '[a] '), pipeLines(b, sink, '[b] ')];
  a.write('a1\n');
  await new Promise((resolve) => setImmediate(resolve));
  a.write('a2\n');
  b.write('b1\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(writes, ['[a] a1\n'], 'one write at a time');
  assert.ok(a.isPaused() && b.isPaused(), 'each source paused on the chunk it has given');
  release();
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await new Promise((resolve) => setImmediate(resolve));
  a.end();
  b.end();
  release();
  await Promise.all(done);
  // in turn, each source's lines in order
  assert.deepEqual(writes, ['[a] a1\n', '[a] a2\n', '[b] b1\n']);
});

test('a broken stream (EPIPE) drops the output and never blocks the sources', async () => {
  const out = new Writable({
    write(_chunk, _enc, done) {
      done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  out.on('error', () => undefined);
  const sink = createSharedSink(out);
  const source = new PassThrough();
  const recorded: Buffer[] = [];
  const done = pipeLines(source, sink, '[x] ', { record: (bytes) => recorded.push(bytes) });
  source.write('one\n');
  await new Promise((resolve) => setImmediate(resolve));
  source.write('two\n');
  sink.writeLine('{"event":"x"}\n');
  source.end('three\n');
  await done;
  assert.equal(source.readableLength, 0, 'everything was read');
  assert.equal(Buffer.concat(recorded).toString(), 'one\ntwo\nthree\n', 'and recorded');
});
