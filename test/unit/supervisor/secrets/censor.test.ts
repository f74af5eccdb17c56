import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { createCensor, toCensoredBody, toSecretForms } from '../../../../src/supervisor/secrets/censor.js';
import { toCensoredLine } from '../../../../src/supervisor/core/log.js';
import { toQuotedLine } from '../../../../src/supervisor/health/quote-output.js';

const X = (n: number): string => 'X'.repeat(n);

test('toSecretForms: each value as is, trimmed, base64, JSON-escaped and percent-encoded; longest first', () => {
  const forms = toSecretForms([
    ' s3cr3t "value" ',
    'abc',
    'true',
    'line-one-of-a-key\nline-two-of-a-key',
  ]).map(String);
  for (const form of [
    ' s3cr3t "value" ',
    's3cr3t "value"',
    Buffer.from('s3cr3t "value"').toString('base64'),
    's3cr3t \\"value\\"',
    encodeURIComponent('s3cr3t "value"'),
    'line-one-of-a-key',
    'line-two-of-a-key',
  ]) {
    assert.ok(forms.includes(form), form);
  }
  assert.ok(!forms.includes('abc') && !forms.includes('true'), 'too short, or a boolean');
  const lengths = forms.map((form) => form.length);
  assert.deepEqual(
    lengths,
    [...lengths].sort((a, b) => b - a),
  );
});

test('censor.bytes masks every occurrence with as many Xs, and with edges a piece of one either edge cut', () => {
  const censor = createCensor(toSecretForms(['hunter2-secret']));
  const whole = Buffer.from('login hunter2-secret ok; again hunter2-secret.');
  assert.equal(String(censor.bytes(whole)), `login ${X(14)} ok; again ${X(14)}.`);
  const edges = { start: true, end: true };
  assert.equal(String(censor.bytes(Buffer.from('2-secret then text'), edges)), `${X(8)} then text`);
  assert.equal(String(censor.bytes(Buffer.from('text then hunter'), edges)), `text then ${X(6)}`);
  assert.equal(
    String(censor.bytes(Buffer.from('text then hunter'))),
    'text then hunter',
    'no edges: whole ones only',
  );
  assert.equal(
    String(censor.bytes(Buffer.from('et then'), edges)),
    'et then',
    'two bytes are too little to tell',
  );
  const bytes = Buffer.from([0xff, 0x00, ...Buffer.from('hunter2-secret'), 0xfe]);
  assert.deepEqual(
    [...censor.bytes(bytes)],
    [0xff, 0x00, ...Buffer.from(X(14)), 0xfe],
    'bytes around it stay',
  );
});

test('overlapping secrets are all masked; many secrets are found as few are', () => {
  for (const extra of [0, 50]) {
    const fillers = Array.from({ length: extra }, (_, i) => `filler-secret-${i}`);
    const censor = createCensor(toSecretForms(['abcdef', 'xabc', ...fillers]));
    assert.equal(censor.text('1 xabcdef 2'), `1 ${X(7)} 2`, `${extra} more secrets`);
    assert.equal(censor.text('abcdeabcdef'), `abcde${X(6)}`);
    assert.equal(censor.text('filler-secret-49 end'), extra > 0 ? `${X(16)} end` : 'filler-secret-49 end');
  }
});

test('censor.text and censor.value: strings masked, numbers, keys and structure as they are', () => {
  const censor = createCensor(toSecretForms(['tok-123456', '5432']));
  assert.equal(censor.text('token is tok-123456!'), `token is ${X(10)}!`);
  assert.deepEqual(
    censor.value({ pid: 5432, summary: 'tok-123456 on 5432', list: ['tok-123456', null, true], 5432: 'x' }),
    { pid: 5432, summary: `${X(10)} on ${X(4)}`, list: [X(10), null, true], 5432: 'x' },
  );
  assert.deepEqual(
    censor.value({ cause: { process: 'tok-123456', entry: 'tok-123456' }, run: { app: 'tok-123456' } }),
    { cause: { process: 'tok-123456', entry: 'tok-123456' }, run: { app: 'tok-123456' } },
    'names the config chose stay: the supervisor reads them back',
  );
  const none = createCensor([]);
  const value = { a: 'tok-123456' };
  assert.equal(none.value(value), value, 'no secrets: the same object');
});

test('a stream masks a secret written in many pieces, holds back no more than a secret start, never alters its input', () => {
  const censor = createCensor(toSecretForms(['S3CR3T-do-not-leak']));
  const out: Buffer[] = [];
  const stream = censor.stream((bytes) => out.push(Buffer.from(bytes)));
  const chunks = [
    'line one\n',
    'token=S3C',
    'R3T',
    '-do-no',
    't-leak end\n',
    'no secret\n',
    'S3CR3T-do-not-leak\n',
    'last S3',
  ];
  const inputs = chunks.map((chunk) => Buffer.from(chunk));
  for (const input of inputs) stream.write(input);
  assert.equal(Buffer.concat(out).toString(), `line one\ntoken=${X(18)} end\nno secret\n${X(18)}\nlast `);
  assert.equal(out[0]?.toString(), 'line one\n', 'a line is written at once');
  stream.end();
  assert.equal(
    Buffer.concat(out).toString(),
    `line one\ntoken=${X(18)} end\nno secret\n${X(18)}\nlast S3`,
    'two bytes are too little to tell',
  );
  assert.deepEqual(
    inputs.map(String),
    chunks,
    'the chunks, which go to the terminal too, are not written to',
  );
});

test('a stream ends a secret cut at its end: the piece is masked from three bytes', () => {
  const censor = createCensor(toSecretForms(['S3CR3T-do-not-leak']));
  const out: Buffer[] = [];
  const stream = censor.stream((bytes) => out.push(Buffer.from(bytes)));
  stream.write(Buffer.from('died while printing S3CR3T-do'));
  stream.end();
  assert.equal(Buffer.concat(out).toString(), `died while printing ${X(9)}`);
});

test('toCensoredBody: JSON string by string (it stays JSON), text with the edges', () => {
  const censor = createCensor(toSecretForms(['quote"secret', '12345']));
  const json = Buffer.from(`${JSON.stringify({ pid: 12345, summary: 'said quote"secret' }, null, 2)}\n`);
  const clean = toCensoredBody(censor, json, 'application/json');
  assert.deepEqual(JSON.parse(clean.toString()), { pid: 12345, summary: `said ${X(12)}` });
  assert.equal(
    toCensoredBody(censor, Buffer.from('e"secret and 12345'), 'text/plain; charset=utf-8').toString(),
    `${X(8)} and ${X(5)}`,
  );
  const untouched = Buffer.from('{"ok": true}');
  assert.equal(toCensoredBody(censor, untouched, 'application/json'), untouched);
});

test('toCensoredLine: a log line stays JSON, its strings masked (the JSON-escaped form too)', () => {
  const censor = createCensor(toSecretForms(['pa"ss-word', '1234']));
  const line = `${JSON.stringify({ level: 'error', pid: 1234, detail: 'exit code 1: token is pa"ss-word' })}\n`;
  assert.equal(
    toCensoredLine(line, censor),
    `${JSON.stringify({ level: 'error', pid: 1234, detail: `exit code 1: token is ${X(10)}` })}\n`,
  );
  assert.equal(toCensoredLine('{"msg":"nothing"}\n', censor), '{"msg":"nothing"}\n');
});

test("toQuotedLine: a check's last line, cut to its length, no secret whole or in a cut piece", () => {
  const censor = createCensor(
    toSecretForms(['S3CR3T-do-not-leak', 'multi-line-secret-1\nmulti-line-secret-2']),
  );
  const opts = { cutAtStart: false, maxChars: 200, censor };
  assert.equal(toQuotedLine('starting\ntoken is S3CR3T-do-not-leak\n', opts), `token is ${X(18)}`);
  assert.equal(
    toQuotedLine('token is S3CR3T-do-not-leak', { ...opts, maxChars: 15 }),
    `token is ${X(6)}`,
    'cut inside the secret',
  );
  assert.equal(
    toQuotedLine('do-not-leak!', { ...opts, cutAtStart: true }),
    `${X(11)}!`,
    'kept output began inside it',
  );
  assert.equal(toQuotedLine('do-not-leak!', opts), 'do-not-leak!', 'not cut: text like a piece stays');
  assert.equal(
    toQuotedLine('key:\nmulti-line-secret-1\nmulti-line-secret-2\n', opts),
    X(39),
    'a multi-line secret, masked whole before its last line is taken',
  );
  assert.equal(toQuotedLine(' \n', opts), '');
});
