import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { censor, collectSecrets, isSecretName } from '../../../../src/supervisor/records/censor.js';

test('isSecretName: …KEY, …SECRET, …TOKEN, …PASSWORD and the AWS key id; not ordinary names', () => {
  for (const name of [
    'API_KEY',
    'apikey',
    'CLIENT_SECRET',
    'GITHUB_TOKEN',
    'DB_PASSWORD',
    'AWS_ACCESS_KEY_ID',
  ]) {
    assert.ok(isSecretName(name), name);
  }
  for (const name of ['PATH', 'HOME', 'KEYBOARD', 'TOKENIZER_MODE', 'PORT'])
    assert.ok(!isSecretName(name), name);
});

test('collectSecrets: env secrets and every binding credential, trimmed and base64 too, longest first', () => {
  const secrets = collectSecrets(
    { API_KEY: ' s3cr3t-value ', PATH: '/usr/bin', SHORT_KEY: 'abc', FLAG_TOKEN: 'true' },
    [
      {
        name: 'b',
        label: 's3',
        tags: [],
        credentials: { secret_access_key: 'SK-123456', nested: { password: 'pw-98765' }, port: 5432 },
      },
    ],
  ).map(String);
  assert.ok(secrets.includes(' s3cr3t-value ') && secrets.includes('s3cr3t-value'));
  assert.ok(secrets.includes(Buffer.from('s3cr3t-value').toString('base64')));
  assert.ok(secrets.includes('SK-123456') && secrets.includes('pw-98765') && secrets.includes('5432'));
  assert.ok(!secrets.includes('/usr/bin'), 'PATH is no secret');
  assert.ok(!secrets.includes('abc') && !secrets.includes('true'), 'too short, or a boolean');
  const lengths = secrets.map((s) => s.length);
  assert.deepEqual(
    lengths,
    [...lengths].sort((a, b) => b - a),
  );
});

test('censor masks every occurrence with as many Xs, and a piece of one cut by either edge', () => {
  const secrets = [Buffer.from('hunter2-secret')];
  const whole = Buffer.from('login hunter2-secret ok; again hunter2-secret.');
  assert.equal(String(censor(whole, secrets)), 'login XXXXXXXXXXXXXX ok; again XXXXXXXXXXXXXX.');
  assert.equal(
    String(censor(Buffer.from('2-secret then text'), secrets)),
    'XXXXXXXX then text',
    'a tail that began inside one',
  );
  assert.equal(
    String(censor(Buffer.from('text then hunter'), secrets)),
    'text then XXXXXX',
    'one still being written',
  );
  assert.equal(
    String(censor(Buffer.from('et then'), secrets)),
    'et then',
    'two bytes are too little to tell',
  );
  const bytes = Buffer.from([0xff, 0x00, ...Buffer.from('hunter2-secret'), 0xfe]);
  assert.deepEqual(
    [...censor(bytes, secrets)],
    [0xff, 0x00, ...Buffer.from('XXXXXXXXXXXXXX'), 0xfe],
    'bytes around it stay',
  );
});
