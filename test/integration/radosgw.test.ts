import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';

import { alivePids } from '../helpers/pids.js';
import { createS3Client, useSharedRadosgw } from '../helpers/radosgw.js';

// One real radosgw for this file: the tests run in order, and the last one stops it.
const server = useSharedRadosgw();
const TIMEOUT = { timeout: 60_000 };
const BUCKET = 'records';

async function rejection(promise: Promise<unknown>): Promise<S3ServiceException> {
  const error = await promise.then(
    () => assert.fail('expected the request to be refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof S3ServiceException, `not an S3 error: ${String(error)}`);
  return error;
}

test('a bucket takes objects, gives them back byte for byte and lists them', TIMEOUT, async (t) => {
  const s3 = createS3Client(server());
  t.after(() => s3.destroy());
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const body = Buffer.from('line one\nline two: ünïcode and a \0 byte\n');
  const startedNs = process.hrtime.bigint();
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'logs/job/1/build-log.txt', Body: body }));
  t.diagnostic(
    `the first PutObject (radosgw creates its data pool) took ${Number(process.hrtime.bigint() - startedNs) / 1e6} ms`,
  );
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'logs/job/1/finished.json', Body: '{"passed":true}' }),
  );
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'logs/job/latest-build.txt', Body: '1' }));

  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'logs/job/1/build-log.txt' }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);

  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'logs/job/1/' }));
  assert.deepEqual(
    listed.Contents?.map((o) => [o.Key, o.Size]),
    [
      ['logs/job/1/build-log.txt', body.length],
      ['logs/job/1/finished.json', 15],
    ],
  );
});

test(
  'a wrong secret is refused with 403 SignatureDoesNotMatch: signatures are checked',
  TIMEOUT,
  async (t) => {
    const s3 = createS3Client(server(), {
      credentials: { accessKeyId: server().accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    t.after(() => s3.destroy());
    const error = await rejection(
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'forged', Body: 'x' })),
    );
    assert.equal(error.name, 'SignatureDoesNotMatch');
    assert.equal(error.$metadata.httpStatusCode, 403);
  },
);

test('If-None-Match: * refuses to overwrite an existing key with 412', TIMEOUT, async (t) => {
  const s3 = createS3Client(server());
  t.after(() => s3.destroy());
  const put = (body: string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'started.json', Body: body, IfNoneMatch: '*' }));
  await put('first');
  const error = await rejection(put('second'));
  assert.equal(error.$metadata.httpStatusCode, 412);
  const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'started.json' }));
  assert.equal(await got.Body!.transformToString(), 'first');
});

test(
  'a stream body needs WHEN_REQUIRED checksums: with the SDK defaults radosgw answers 411',
  TIMEOUT,
  async (t) => {
    // the SDK console.warns a failed stream request unless it has a logger of its own
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const withDefaults = createS3Client(server(), {
      requestChecksumCalculation: 'WHEN_SUPPORTED',
      responseChecksumValidation: 'WHEN_SUPPORTED',
      logger,
    });
    const configured = createS3Client(server(), { logger });
    t.after(() => [withDefaults, configured].forEach((s3) => s3.destroy()));
    const put = (s3: typeof configured, Key: string) =>
      s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key,
          Body: Readable.from([Buffer.from('hello')]),
          ContentLength: 5,
        }),
      );
    const error = await rejection(put(withDefaults, 'chunked'));
    assert.equal(error.name, 'MissingContentLength');
    assert.equal(error.$metadata.httpStatusCode, 411);
    await put(configured, 'plain');
    const got = await configured.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'plain' }));
    assert.equal(await got.Body!.transformToString(), 'hello');
  },
);

test('stop() ends every daemon it started and removes its temp dir', TIMEOUT, async () => {
  const s3 = server();
  assert.equal(s3.pids.length, 3);
  assert.deepEqual(alivePids(s3.pids), s3.pids);
  await s3.stop();
  assert.deepEqual(alivePids(s3.pids), []);
  assert.equal(existsSync(s3.dir), false);
});
