import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { parseS3Url, toObjectKey, toS3Url } from '../../../src/config/s3-url.js';

test('parseS3Url takes a bucket and an optional prefix, slashes folded', () => {
  assert.deepEqual(parseS3Url('s3://records'), { ok: true, location: { bucket: 'records', prefix: '' } });
  assert.deepEqual(parseS3Url('s3://my.records-1/ci//runs/'), {
    ok: true,
    location: { bucket: 'my.records-1', prefix: 'ci/runs' },
  });
  const location = { bucket: 'b1b', prefix: 'p/q' };
  assert.equal(toS3Url(location), 's3://b1b/p/q');
  assert.equal(toObjectKey(location, 'app', 'web-0', 'latest.txt'), 'p/q/app/web-0/latest.txt');
  assert.equal(toObjectKey({ bucket: 'b1b', prefix: '' }, 'app'), 'app');
});

test('parseS3Url names what is wrong with a URL that is not one', () => {
  const reasons: Array<[string, RegExp]> = [
    ['https://bucket/x', /must start with s3:\/\//],
    ['s3://', /no bucket/],
    ['s3:///prefix', /no bucket/],
    ['s3://KEY:SECRET@bucket/x', /credentials or a port do not belong/],
    ['s3://Records', /"Records" is not a bucket name/],
    ['s3://ab', /"ab" is not a bucket name/],
    ['s3://a..b', /is not a bucket name/],
    ['s3://192.168.1.1', /is not a bucket name/],
    ['s3://bucket/a/../b', /"\." and "\.\." are not/],
    ['s3://bucket/a\nb', /control character/],
  ];
  for (const [text, reason] of reasons) {
    const parsed = parseS3Url(text);
    assert.equal(parsed.ok, false, text);
    if (!parsed.ok) assert.match(parsed.reason, reason, text);
  }
});
