import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { parseEnvReport, readEnvReport, writeWhenReady } from '../../../../src/supervisor/core/env-report.js';

test('parseEnvReport: NAME=VALUE records up to the empty one; a value may hold = and newlines', () => {
  const report = Buffer.from('A=1\0B=x=y\0C=two\nlines\0EMPTY=\0\0AFTER=no\0');
  assert.deepEqual(parseEnvReport(report), { A: '1', B: 'x=y', C: 'two\nlines', EMPTY: '' });
  assert.deepEqual(parseEnvReport(Buffer.from('\0')), {});
  assert.deepEqual(parseEnvReport(Buffer.from('CUT=shor')), { CUT: 'shor' }, 'a report cut short');
});

test('readEnvReport hands the report over at its end marker, even split across chunks, once', async () => {
  for (const chunks of [['A=1\0B=2\0\0'], ['A=1\0B=2\0', '\0'], ['A=1\0B', '=2\0\0'], ['\0']]) {
    const stream = new PassThrough();
    const got: Array<Record<string, string>> = [];
    const done = readEnvReport(stream, new Promise(() => undefined), (env) => got.push(env));
    for (const chunk of chunks) stream.write(Buffer.from(chunk));
    await done;
    assert.deepEqual(got, [chunks[0] === '\0' ? {} : { A: '1', B: '2' }], chunks.join('|'));
    assert.ok(stream.destroyed);
  }
});

test('readEnvReport gives what it has when the command exits without ending it (a daemon holds the fd)', async () => {
  const stream = new PassThrough();
  let exit: (value: unknown) => void = () => undefined;
  const exited = new Promise((resolve) => (exit = resolve));
  const got: Array<Record<string, string>> = [];
  const done = readEnvReport(stream, exited, (env) => got.push(env));
  stream.write(Buffer.from('A=1\0'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(got, [], 'not yet');
  exit(undefined);
  await done;
  assert.deepEqual(got, [{ A: '1' }]);
});

test('writeWhenReady holds the writes, in order, until ready, then passes them through', async () => {
  let ready: () => void = () => undefined;
  const written: string[] = [];
  const write = writeWhenReady(new Promise<void>((resolve) => (ready = resolve)), (bytes) =>
    written.push(bytes.toString()),
  );
  write(Buffer.from('one '));
  write(Buffer.from('two '));
  assert.deepEqual(written, []);
  ready();
  await Promise.resolve();
  write(Buffer.from('three'));
  assert.deepEqual(written, ['one ', 'two ', 'three']);
});
