import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import {
  type Binding,
  findBinding,
  parseVcapServices,
  toStoreFromBinding,
  toStoreFromEnv,
  toStoreLocation,
} from '../../../src/config/store-binding.js';

const binding = (
  credentials: Record<string, unknown>,
  name = 'records',
  label = 's3',
  tags: string[] = [],
): Binding => ({
  name,
  label,
  tags,
  credentials,
});

test('every broker shape of the research note gives keys, bucket, region and endpoint', () => {
  const shapes: Array<
    [string, Record<string, unknown>, { bucket: string; region: string; endpoint: string | null }]
  > = [
    [
      'Cloud Service Broker (AWS)',
      {
        access_key_id: 'AK1',
        secret_access_key: 'SK1',
        bucket_name: 'b-csb',
        bucket_domain_name: 'b-csb.s3.amazonaws.com',
        region: 'eu-west-1',
        arn: 'arn:aws:s3:::b-csb',
      },
      { bucket: 'b-csb', region: 'eu-west-1', endpoint: null },
    ],
    [
      'AWS Service Broker',
      {
        S3_AWS_ACCESS_KEY_ID: 'AK1',
        S3_AWS_SECRET_ACCESS_KEY: 'SK1',
        BUCKET_NAME: 'b-asb',
        S3_REGION: 'us-west-2',
      },
      { bucket: 'b-asb', region: 'us-west-2', endpoint: null },
    ],
    [
      'cloud.gov',
      {
        access_key_id: 'AK1',
        secret_access_key: 'SK1',
        bucket: 'b-gov',
        endpoint: 's3-fips.us-gov-west-1.amazonaws.com',
        region: 'us-gov-west-1',
        uri: 's3://AK1:SK1@s3-fips.us-gov-west-1.amazonaws.com/b-gov',
      },
      { bucket: 'b-gov', region: 'us-gov-west-1', endpoint: 'https://s3-fips.us-gov-west-1.amazonaws.com' },
    ],
    [
      'GOV.UK PaaS',
      {
        aws_access_key_id: 'AK1',
        aws_secret_access_key: 'SK1',
        bucket_name: 'b-uk',
        aws_region: 'eu-west-2',
      },
      { bucket: 'b-uk', region: 'eu-west-2', endpoint: null },
    ],
    [
      'Dell ECS',
      {
        accessKey: 'AK1',
        secretKey: 'SK1',
        bucket: 'b-ecs',
        endpoint: 'http://ecs.local:9020',
        s3Url: 'http://AK1:SK1@ecs.local:9020/b-ecs',
        'path-style-access': true,
      },
      { bucket: 'b-ecs', region: 'us-east-1', endpoint: 'http://ecs.local:9020' },
    ],
    [
      'MinIO broker',
      { username: 'AK1', password: 'SK1', name: 'b-minio', endpoint: 'minio.local:9000', region: 'local' },
      { bucket: 'b-minio', region: 'local', endpoint: 'https://minio.local:9000' },
    ],
    [
      'only a URL (ECS s3Url)',
      { s3Url: 'https://AK1:SK1@ecs.example:9021/b-url' },
      { bucket: 'b-url', region: 'us-east-1', endpoint: 'https://ecs.example:9021' },
    ],
  ];
  for (const [broker, credentials, want] of shapes) {
    const store = toStoreFromBinding(binding(credentials));
    assert.ok(store.ok, broker);
    if (!store.ok) continue;
    assert.equal(store.value.bucket, want.bucket, broker);
    assert.equal(store.value.credentials.accessKeyId, 'AK1', broker);
    assert.equal(store.value.credentials.secretAccessKey, 'SK1', broker);
    assert.equal(store.value.credentials.region, want.region, broker);
    assert.equal(store.value.credentials.endpoint, want.endpoint, broker);
    assert.equal(
      store.value.credentials.forcePathStyle,
      want.endpoint !== null,
      `${broker}: path style with an endpoint`,
    );
  }
});

test('a binding without keys is named, without its values', () => {
  const store = toStoreFromBinding(
    binding({ bucket: 'b-1', secret_access_key: 'TOPSECRET' }, 'logs', 'p-s3'),
  );
  assert.equal(store.ok, false);
  if (store.ok) return;
  assert.equal(store.reason, 'the binding "logs" (p-s3) has no access key in its credentials');
  assert.doesNotMatch(store.reason + store.hint, /TOPSECRET/);
});

test('findBinding: by name first, then label or tag; none and several are errors that list the names', () => {
  const services = parseVcapServices(
    JSON.stringify({
      s3: [{ name: 'records', label: 's3', tags: ['storage'], credentials: { a: 1 } }],
      'csb-aws-s3-bucket': [
        { name: 'one', label: 'csb-aws-s3-bucket', tags: ['s3'], credentials: {} },
        { name: 'two', label: 'csb-aws-s3-bucket', tags: ['s3'], credentials: {} },
      ],
    }),
  );
  assert.ok(services.ok);
  if (!services.ok) return;
  const found = (selector: string) => findBinding(services.value, selector);
  assert.equal((found('records') as { value: Binding }).value.name, 'records');
  assert.equal((found('storage') as { value: Binding }).value.name, 'records', 'by tag');
  const none = found('nope');
  assert.ok(
    !none.ok && /no bound service is named "nope"/.test(none.reason) && /records, one, two/.test(none.hint),
  );
  const several = found('csb-aws-s3-bucket');
  assert.ok(!several.ok && /2 bound services match "csb-aws-s3-bucket": one, two/.test(several.reason));
  const s3 = found('s3');
  assert.ok(!s3.ok, 'the label s3 and the tag s3 of two others: three match');
});

test('parseVcapServices refuses what is not a JSON object', () => {
  assert.equal(parseVcapServices('{bad').ok, false);
  assert.equal(parseVcapServices('[]').ok, false);
  assert.deepEqual(parseVcapServices('{}'), { ok: true, value: [] });
});

test('the AWS variables: keys, token, region, endpoint (path style), and what is missing', () => {
  assert.deepEqual(
    toStoreFromEnv({
      AWS_ACCESS_KEY_ID: 'AK',
      AWS_SECRET_ACCESS_KEY: 'SK',
      AWS_SESSION_TOKEN: 'TK',
      AWS_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL: 'http://other:1',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:7480/',
    }),
    {
      ok: true,
      value: {
        accessKeyId: 'AK',
        secretAccessKey: 'SK',
        sessionToken: 'TK',
        region: 'eu-central-1',
        endpoint: 'http://127.0.0.1:7480',
        forcePathStyle: true,
      },
    },
  );
  const plain = toStoreFromEnv({ AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK' });
  assert.ok(
    plain.ok &&
      plain.value.endpoint === null &&
      !plain.value.forcePathStyle &&
      plain.value.region === 'us-east-1',
  );
  const missing = toStoreFromEnv({ AWS_ACCESS_KEY_ID: 'AK' });
  assert.ok(!missing.ok && /AWS_SECRET_ACCESS_KEY is not set/.test(missing.reason));
});

test('toStoreLocation: the URL wins, else the binding bucket at the root', () => {
  assert.deepEqual(toStoreLocation('s3://b-1/p', 'b-2'), { ok: true, value: { bucket: 'b-1', prefix: 'p' } });
  assert.deepEqual(toStoreLocation(null, 'b-2'), { ok: true, value: { bucket: 'b-2', prefix: '' } });
  assert.equal(toStoreLocation(null, null).ok, false);
  assert.equal(toStoreLocation('s3://B', null).ok, false);
});
