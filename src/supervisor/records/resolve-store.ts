// The store of a run's records as the environment gives it at run time: a bound service (from
// VCAP_SERVICES, or the file VCAP_SERVICES_FILE_PATH names), else the AWS_* variables; the bucket
// from the URL, else from the binding. Shared by the supervisor (to report a bad store at start),
// the uploader child, `sidecars upload` and `sidecars runs`.
import type { S3Location } from '../../config/s3-url.js';
import { readBindings } from '../../config/vcap-services.js';
import {
  type Binding,
  findBinding,
  type StoreCredentials,
  toStoreFromBinding,
  toStoreFromEnv,
  toStoreLocation,
} from '../../config/store-binding.js';

export interface ResolvedStore {
  location: S3Location;
  credentials: StoreCredentials;
  /** every binding in VCAP_SERVICES: their credentials are secrets to mask */
  bindings: Binding[];
  /** where the credentials came from, for messages: `the bound service "x"` or `AWS_* variables` */
  source: string;
}

export type StoreResult = { ok: true; store: ResolvedStore } | { ok: false; reason: string; hint: string };

export function resolveStore(
  request: { url: string | null; service: string | null },
  env: Readonly<Record<string, string | undefined>>,
): StoreResult {
  const bindings = readBindings(env);
  if (!Array.isArray(bindings)) return bindings;
  if (request.service !== null) {
    const found = findBinding(bindings, request.service);
    if (!found.ok) return found;
    const fromBinding = toStoreFromBinding(found.value);
    if (!fromBinding.ok) return fromBinding;
    const location = toStoreLocation(request.url, fromBinding.value.bucket);
    if (!location.ok) return location;
    return {
      ok: true,
      store: {
        location: location.value,
        credentials: fromBinding.value.credentials,
        bindings,
        source: `the bound service "${found.value.name}"`,
      },
    };
  }
  const fromEnv = toStoreFromEnv(env);
  if (!fromEnv.ok) return fromEnv;
  const location = toStoreLocation(request.url, null);
  if (!location.ok) return location;
  return {
    ok: true,
    store: { location: location.value, credentials: fromEnv.value, bindings, source: 'the AWS_* variables' },
  };
}
