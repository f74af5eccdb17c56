// The S3 client, configured so that every S3-compatible server takes it (shared/research/object-store.md):
// the endpoint with path-style addressing, an explicit region, and checksums only when an operation
// requires them (the SDK's default aws-chunked framing is refused by radosgw and Swift, and stored
// inside the object by others). Bodies are Buffers, which the SDK can retry. @aws-sdk/client-s3 is
// loaded here only, by the commands that upload or read records: never by the supervisor itself.
import type { StoreCredentials } from '../../config/store-binding.js';

/** One request's limits; the SDK retries (3 attempts, exponential back-off with jitter) inside them. */
export const CONNECT_TIMEOUT_MS = 2_000;
export const REQUEST_TIMEOUT_MS = 5_000;
export const MAX_ATTEMPTS = 3;

export interface S3Store {
  put(
    bucket: string,
    key: string,
    body: Buffer | string,
    contentType: string,
    signal: AbortSignal,
  ): Promise<void>;
  get(bucket: string, key: string, signal: AbortSignal): Promise<Buffer | null>;
  /** every key under `prefix`, in the store's order (lexicographic) */
  list(bucket: string, prefix: string, signal: AbortSignal): Promise<string[]>;
  /** the first `maxKeys` keys under `prefix` (one request), and whether more follow */
  listFirst(
    bucket: string,
    prefix: string,
    maxKeys: number,
    signal: AbortSignal,
  ): Promise<{ keys: string[]; more: boolean }>;
  /** whether the object is there (a HEAD) */
  has(bucket: string, key: string, signal: AbortSignal): Promise<boolean>;
  /** a pre-signed GET URL of the object, valid `expiresS` seconds (no request) */
  presignGet(bucket: string, key: string, expiresS: number): Promise<string>;
  close(): void;
}

/** Why a request failed, in words a user can act on, without a credential or a stack. */
export function toStoreErrorText(error: unknown): string {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'AbortError') return 'the deadline passed';
  if (e.name === 'InvalidAccessKeyId' || e.name === 'SignatureDoesNotMatch') {
    return `the store refused the credentials (${e.name}${status === undefined ? '' : `, HTTP ${status}`})`;
  }
  if (e.name === 'AccessDenied')
    return `the store denied access (AccessDenied${status === undefined ? '' : `, HTTP ${status}`})`;
  if (e.name === 'NoSuchBucket') return 'the bucket does not exist (NoSuchBucket)';
  const code = e.code ?? (e.name !== undefined && e.name !== 'Error' ? e.name : undefined);
  const text = (e.message ?? String(error)).split('\n')[0]?.slice(0, 200) ?? '';
  return [code, status === undefined ? undefined : `HTTP ${status}`, text]
    .filter((x) => x !== undefined && x !== '')
    .join(': ');
}

export async function openS3Store(credentials: StoreCredentials): Promise<S3Store> {
  // this SDK release warns on Node.js 20 (past its end of life) at every client; the CI machines run it
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const sdk = await import('@aws-sdk/client-s3');
  const silent = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const client = new sdk.S3Client({
    region: credentials.region,
    ...(credentials.endpoint === null ? {} : { endpoint: credentials.endpoint }),
    forcePathStyle: credentials.forcePathStyle,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken === null ? {} : { sessionToken: credentials.sessionToken }),
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    logger: silent,
  });
  return {
    async put(bucket, key, body, contentType, signal) {
      await client.send(
        new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
        {
          abortSignal: signal,
        },
      );
    },
    async get(bucket, key, signal) {
      try {
        const answer = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal: signal,
        });
        const bytes = await answer.Body?.transformToByteArray();
        return bytes === undefined ? Buffer.alloc(0) : Buffer.from(bytes);
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async list(bucket, prefix, signal) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
          { abortSignal: signal },
        );
        for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return keys;
    },
    async listFirst(bucket, prefix, maxKeys, signal) {
      const page = await client.send(
        new sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: maxKeys }),
        { abortSignal: signal },
      );
      const keys = (page.Contents ?? []).flatMap((item) => (item.Key === undefined ? [] : [item.Key]));
      return { keys, more: page.IsTruncated === true };
    },
    async has(bucket, key, signal) {
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
        return true;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404)
          return false;
        throw error;
      }
    },
    async presignGet(bucket, key, expiresS) {
      const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
      return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), {
        expiresIn: expiresS,
      });
    },
    close: () => client.destroy(),
  };
}
