// Where the credentials of an S3-compatible store come from: a service binding in VCAP_SERVICES (every
// broker shape in shared/research/object-store.md), else the standard AWS_* variables. Pure: the
// callers read the environment and the VCAP_SERVICES file.
import { parseS3Url, type S3Location } from './s3-url.js';

export interface StoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string | null;
  region: string;
  /** null: AWS's own endpoint for the region */
  endpoint: string | null;
  /** path-style addressing: whenever an endpoint is given (radosgw, MinIO, ECS, Swift…) */
  forcePathStyle: boolean;
}

export interface Binding {
  name: string;
  label: string;
  tags: string[];
  credentials: Record<string, unknown>;
}

export const DEFAULT_REGION = 'us-east-1';

type Found<T> = { ok: true; value: T } | { ok: false; reason: string; hint: string };

/** Every binding of a VCAP_SERVICES document (label → list of bindings); a reason when it is not one. */
export function parseVcapServices(text: string): Found<Binding[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: 'VCAP_SERVICES is not JSON',
      hint: 'The platform sets it; locally, pass valid JSON or unset it.',
    };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return {
      ok: false,
      reason: 'VCAP_SERVICES is not a JSON object',
      hint: 'It maps service labels to lists of bindings.',
    };
  }
  const bindings: Binding[] = [];
  for (const [label, list] of Object.entries(doc)) {
    if (!Array.isArray(list)) continue;
    for (const item of list as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const b = item as Record<string, unknown>;
      const credentials = b['credentials'];
      bindings.push({
        name: typeof b['name'] === 'string' ? b['name'] : '',
        label: typeof b['label'] === 'string' ? b['label'] : label,
        tags: Array.isArray(b['tags']) ? b['tags'].filter((t): t is string => typeof t === 'string') : [],
        credentials:
          typeof credentials === 'object' && credentials !== null && !Array.isArray(credentials)
            ? (credentials as Record<string, unknown>)
            : {},
      });
    }
  }
  return { ok: true, value: bindings };
}

/** The one binding named `selector` (else the one whose label or a tag is it), as java-cfenv finds one. */
export function findBinding(bindings: readonly Binding[], selector: string): Found<Binding> {
  const byName = bindings.filter((b) => b.name === selector);
  const matches =
    byName.length > 0 ? byName : bindings.filter((b) => b.label === selector || b.tags.includes(selector));
  const names = bindings.map((b) => b.name || b.label).join(', ') || 'none';
  if (matches.length === 1) return { ok: true, value: matches[0] as Binding };
  if (matches.length === 0) {
    return {
      ok: false,
      reason: `no bound service is named "${selector}" (nor has it as label or tag)`,
      hint: `Bind it (cf bind-service APP ${selector}) or name one of the bound services: ${names}.`,
    };
  }
  return {
    ok: false,
    reason: `${matches.length} bound services match "${selector}": ${matches.map((b) => b.name).join(', ')}`,
    hint: 'Name one service by its name in records.service.',
  };
}

function pick(credentials: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = credentials[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** `s3://KEY:SECRET@host/bucket` (cloud.gov `uri`) or `https://KEY:SECRET@host:port/bucket` (ECS `s3Url`). */
function parseCredentialUrl(
  text: string | null,
): { key: string; secret: string; endpoint: string | null; bucket: string } | null {
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const endpoint =
    url.protocol === 'http:' || url.protocol === 'https:' ? `${url.protocol}//${url.host}` : null;
  return {
    key: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
    endpoint: endpoint ?? (url.host !== '' ? `https://${url.host}` : null),
    bucket: url.pathname.split('/').filter((s) => s !== '')[0] ?? '',
  };
}

/** An endpoint as the SDK wants it: with a scheme (a bare host is https). */
export function toEndpointUrl(text: string): string {
  return /^https?:\/\//i.test(text) ? text.replace(/\/+$/, '') : `https://${text.replace(/\/+$/, '')}`;
}

/**
 * The store a binding's credentials describe: the brokers name the same things differently (Cloud
 * Service Broker, AWS Service Broker, cloud.gov, GOV.UK PaaS, Dell ECS, MinIO).
 */
export function toStoreFromBinding(
  binding: Binding,
): Found<{ bucket: string | null; credentials: StoreCredentials }> {
  const c = binding.credentials;
  const fromUrl = parseCredentialUrl(pick(c, ['uri', 's3Url', 's3_url', 'url']));
  const accessKeyId =
    pick(c, [
      'access_key_id',
      'accessKeyId',
      'S3_AWS_ACCESS_KEY_ID',
      'aws_access_key_id',
      'AWS_ACCESS_KEY_ID',
      'accessKey',
      'access_key',
      'username',
    ]) ??
    (fromUrl?.key || null);
  const secretAccessKey =
    pick(c, [
      'secret_access_key',
      'secretAccessKey',
      'S3_AWS_SECRET_ACCESS_KEY',
      'aws_secret_access_key',
      'AWS_SECRET_ACCESS_KEY',
      'secretKey',
      'secret_key',
      'password',
    ]) ??
    (fromUrl?.secret || null);
  const bucket =
    pick(c, ['bucket_name', 'bucket', 'BUCKET_NAME', 'bucketName', 'name']) ?? (fromUrl?.bucket || null);
  const rawEndpoint = pick(c, ['endpoint', 'endpoint_url', 'host']) ?? fromUrl?.endpoint ?? null;
  const region = pick(c, ['region', 'S3_REGION', 'aws_region', 'AWS_REGION']) ?? DEFAULT_REGION;
  const missing = [
    accessKeyId === null ? 'access key' : '',
    secretAccessKey === null ? 'secret key' : '',
  ].filter(Boolean);
  if (accessKeyId === null || secretAccessKey === null) {
    return {
      ok: false,
      reason: `the binding "${binding.name}" (${binding.label}) has no ${missing.join(' and no ')} in its credentials`,
      hint: "Bind an S3 service whose credentials hold access_key_id and secret_access_key (or its broker's names for them).",
    };
  }
  const endpoint = rawEndpoint === null ? null : toEndpointUrl(rawEndpoint);
  return {
    ok: true,
    value: {
      bucket,
      credentials: {
        accessKeyId,
        secretAccessKey,
        sessionToken: pick(c, ['session_token', 'sessionToken', 'aws_session_token']),
        region,
        endpoint,
        forcePathStyle: endpoint !== null,
      },
    },
  };
}

/** The standard AWS variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL. */
export function toStoreFromEnv(env: Readonly<Record<string, string | undefined>>): Found<StoreCredentials> {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (
    accessKeyId === undefined ||
    accessKeyId === '' ||
    secretAccessKey === undefined ||
    secretAccessKey === ''
  ) {
    return {
      ok: false,
      reason:
        'no credentials for the store: no bound service is named, and AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set',
      hint: 'Set records.service to a bound S3 service, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_ENDPOINT_URL_S3 for a store other than AWS).',
    };
  }
  const rawEndpoint = env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || null;
  const endpoint = rawEndpoint === null ? null : toEndpointUrl(rawEndpoint);
  return {
    ok: true,
    value: {
      accessKeyId,
      secretAccessKey,
      sessionToken: env['AWS_SESSION_TOKEN'] || null,
      region: env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || DEFAULT_REGION,
      endpoint,
      forcePathStyle: endpoint !== null,
    },
  };
}

/** The bucket and prefix: the URL's when given, else the binding's bucket at the root. */
export function toStoreLocation(url: string | null, bindingBucket: string | null): Found<S3Location> {
  if (url !== null) {
    const parsed = parseS3Url(url);
    return parsed.ok
      ? { ok: true, value: parsed.location }
      : { ok: false, reason: parsed.reason, hint: 'Write s3://BUCKET[/PREFIX].' };
  }
  if (bindingBucket !== null) {
    const parsed = parseS3Url(`s3://${bindingBucket}`);
    if (parsed.ok) return { ok: true, value: parsed.location };
    return {
      ok: false,
      reason: `the binding's bucket: ${parsed.reason}`,
      hint: 'Give the bucket in records.upload: s3://BUCKET/PREFIX.',
    };
  }
  return {
    ok: false,
    reason: 'the binding names no bucket',
    hint: 'Give the bucket in records.upload: s3://BUCKET/PREFIX.',
  };
}
