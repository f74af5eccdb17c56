// `s3://BUCKET[/PREFIX]`: where run records go. Checked the same way at staging (sidecars.yml
// `records.upload`) and on the command line (`--upload`, `sidecars upload`, `sidecars runs`).

export interface S3Location {
  bucket: string;
  /** '' or a key prefix without leading or trailing '/', e.g. `ci/records` */
  prefix: string;
}

/** The rules AWS and radosgw share for a bucket that path-style and virtual-host addressing both reach. */
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const S3_URL_HINT =
  'Write s3://BUCKET or s3://BUCKET/PREFIX (a bucket name of 3–63 lowercase letters, digits, "-" and ".").';

export type S3UrlResult = { ok: true; location: S3Location } | { ok: false; reason: string };

/** Parses `s3://BUCKET[/PREFIX]`; a reason when it is not one (without the hint). */
export function parseS3Url(text: string): S3UrlResult {
  const fail = (why: string): S3UrlResult => ({ ok: false, reason: `"${text}" is not an s3:// URL: ${why}` });
  if (!text.startsWith('s3://')) return fail('it must start with s3://');
  const rest = text.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (bucket === '') return fail('no bucket');
  if (bucket.includes('@') || bucket.includes(':')) {
    return fail('credentials or a port do not belong in it (give them through a binding or AWS_* variables)');
  }
  if (!BUCKET_PATTERN.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    return fail(`"${bucket}" is not a bucket name`);
  }
  const segments = (slash < 0 ? '' : rest.slice(slash + 1)).split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return fail('"." and ".." are not key prefix segments');
  if ([...segments.join('')].some((ch) => ch < ' ' || ch === '\u007f')) {
    return fail('the prefix holds a control character');
  }
  return { ok: true, location: { bucket, prefix: segments.join('/') } };
}

/** `s3://bucket/prefix` as a reader would write it again. */
export function toS3Url(location: S3Location): string {
  return `s3://${location.bucket}${location.prefix === '' ? '' : `/${location.prefix}`}`;
}

/** A key under the location's prefix. */
export function toObjectKey(location: S3Location, ...parts: string[]): string {
  return [location.prefix, ...parts].filter((p) => p !== '').join('/');
}
