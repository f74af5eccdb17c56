import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { collectSecretValues, isSecretName } from '../../../../src/supervisor/secrets/secret-values.js';

const noFile = (file: string): string => {
  throw new Error(`unexpected read of ${file}`);
};

test('isSecretName: keys, tokens, secrets, passwords, credentials, API and access keys, in any case', () => {
  for (const name of [
    'API_KEY',
    'apikey',
    'apiKey',
    'X_API_KEY',
    'STRIPE_APIKEY_LIVE',
    'CLIENT_SECRET',
    'CLIENTSECRET',
    'SECRET_TOKEN',
    'SECRET_KEY_BASE',
    'GITHUB_TOKEN',
    'githubToken',
    'TOKEN_V2',
    'DB_PASSWORD',
    'DB_PASSWORD_2',
    'MYSQL_ROOT_PASSWORD_FILE',
    'PASSWORD',
    'password',
    'SMTP_PASS',
    'DB_PWD',
    'PASSWD',
    'GPG_PASSPHRASE',
    'AWS_ACCESS_KEY_ID',
    'accessKeyId',
    'secretAccessKey',
    'AWS_SESSION_TOKEN',
    'SSH_PRIVATE_KEY_PATH',
    'credentials',
    'GOOGLE_APPLICATION_CREDENTIALS',
    'BASIC_AUTH',
    'ENCRYPTION_KEY',
  ]) {
    assert.ok(isSecretName(name), name);
  }
  for (const name of [
    'PATH',
    'PWD',
    'OLDPWD',
    'HOME',
    'KEYBOARD',
    'TOKENIZER_MODE',
    'PORT',
    'VCAP_SERVICES',
    'VCAP_APPLICATION',
    'SSH_AUTH_SOCK',
    'GIT_ASKPASS',
    'PASSENGER_APP_ENV',
    'MEMORY_LIMIT',
    'uri',
    'bucket',
    'username',
  ]) {
    assert.ok(!isSecretName(name), name);
  }
});

test('collectSecretValues: secret-named variables of every environment, no others', () => {
  const values = collectSecretValues(
    [
      { API_KEY: 'ak-1234', PATH: '/usr/bin', HOME: '/home/vcap/app' },
      { DB_PASSWORD: 'pw-5678', PORT: '8080', UNSET_TOKEN: undefined },
    ],
    noFile,
  );
  assert.deepEqual(values.sort(), ['ak-1234', 'pw-5678']);
});

test('collectSecretValues: every credential of every binding, at any depth, and URL passwords anywhere', () => {
  const services = {
    'aws-rds': [
      {
        name: 'db',
        label: 'aws-rds',
        tags: ['postgres'],
        credentials: {
          uri: 'postgres://dbuser:db%2Fpass@db.example.com:5432/shop',
          nested: { deeper: [{ api: 'nested-api-value' }] },
          port: 5432,
        },
      },
    ],
    'user-provided': [
      {
        name: 'drain',
        syslog_drain_url: 'syslog-tls://drain:drain-pw-99@logs.example.com:6514',
        credentials: {},
        volume_mounts: [],
      },
    ],
  };
  const values = collectSecretValues([{ VCAP_SERVICES: JSON.stringify(services) }], noFile);
  for (const value of [
    'postgres://dbuser:db%2Fpass@db.example.com:5432/shop',
    'db%2Fpass',
    'db/pass',
    'nested-api-value',
    '5432',
    'drain-pw-99',
  ]) {
    assert.ok(values.includes(value), value);
  }
  for (const value of [
    'db',
    'aws-rds',
    'postgres',
    'drain',
    'syslog-tls://drain:drain-pw-99@logs.example.com:6514',
  ])
    assert.ok(!values.includes(value), `${value} is not a credential`);
});

test('collectSecretValues: the password of a URL in any variable, and secret query parameters', () => {
  const values = collectSecretValues(
    [
      {
        DATABASE_URL: 'postgres://app:Url-Pass-1@db:5432/app',
        REDIS_URL: 'redis://:redis-pass-2@cache:6379',
        JDBC: 'jdbc:mysql://db/app?user=app&password=jdbc-pass-3&ssl=true',
        PLAIN_URL: 'https://example.com/path?q=1',
      },
    ],
    noFile,
  );
  assert.deepEqual(values.sort(), ['Url-Pass-1', 'jdbc-pass-3', 'redis-pass-2']);
});

test('collectSecretValues: a JSON value with secret keys; VCAP_SERVICES_FILE_PATH read when VCAP_SERVICES is not set', () => {
  const read: string[] = [];
  const values = collectSecretValues(
    [
      { APP_CONFIG: '{"db": {"password": "json-pass-4"}, "name": "shop"}' },
      { VCAP_SERVICES_FILE_PATH: '/etc/cf/services.json' },
      { VCAP_SERVICES_FILE_PATH: '/unreadable' },
    ],
    (file) => {
      read.push(file);
      if (file === '/unreadable') throw new Error('EACCES');
      return JSON.stringify({ s3: [{ name: 'store', credentials: { secret_access_key: 'file-secret-5' } }] });
    },
  );
  assert.deepEqual(values.sort(), ['file-secret-5', 'json-pass-4']);
  assert.deepEqual(read, ['/etc/cf/services.json', '/unreadable']);
  assert.deepEqual(
    collectSecretValues([{ VCAP_SERVICES: '{}', VCAP_SERVICES_FILE_PATH: '/etc/cf/services.json' }], noFile),
    [],
    'VCAP_SERVICES wins over the file, as the platform has it',
  );
});
