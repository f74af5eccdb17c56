import type { ConfigIssue } from '../config/issues.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';
import {
  type Binding,
  findBinding,
  toStoreFromBinding,
  toStoreFromEnv,
  toStoreLocation,
} from '../config/store-binding.js';

/** What staging knows of the credentials the supervisor will find at run time. */
export interface RecordsInputs {
  /** the bindings in VCAP_SERVICES at staging; null: unknown (`sidecars validate` offline) */
  bindings: readonly Binding[] | null;
  /** the staging environment's AWS_* variables (an app's own env is set at staging too) */
  env: Readonly<Record<string, string | undefined>>;
}

type At = (path: (string | number)[]) => Pick<ConfigIssue, 'file' | 'line' | 'path'>;

/**
 * The store of `records`, as far as staging can know it: a service that is not bound may be bound
 * after staging (a warning; the supervisor reports it at start), but a binding that several services
 * match, or one without keys or bucket, is an error now.
 */
export function checkRecords(file: SidecarsFile, inputs: RecordsInputs, at: At): ConfigIssue[] {
  const records = file.records;
  if (records === undefined) return [];
  const issue = (
    severity: ConfigIssue['severity'],
    code: string,
    path: (string | number)[],
    message: string,
    hint: string,
  ): ConfigIssue => ({ code, severity, ...at(path), message, hint });
  if (records.service === undefined) {
    const fromEnv = toStoreFromEnv(inputs.env);
    if (fromEnv.ok) return [];
    return [
      issue(
        'warning',
        'records_no_credentials',
        ['records', 'upload'],
        `${fromEnv.reason} at staging; unless they are set before the app starts, no record is uploaded`,
        fromEnv.hint,
      ),
    ];
  }
  if (inputs.bindings === null) return [];
  const found = findBinding(inputs.bindings, records.service);
  if (!found.ok) {
    const several = found.reason.includes('bound services match');
    return [
      issue(
        several ? 'error' : 'warning',
        several ? 'records_service_ambiguous' : 'records_service_unbound',
        ['records', 'service'],
        several
          ? found.reason
          : `${found.reason} at staging; unless it is bound before the app starts, no record is uploaded`,
        found.hint,
      ),
    ];
  }
  const store = toStoreFromBinding(found.value);
  if (!store.ok)
    return [issue('error', 'records_binding_invalid', ['records', 'service'], store.reason, store.hint)];
  const location = toStoreLocation(records.upload ?? null, store.value.bucket);
  if (!location.ok) {
    return [
      issue(
        'error',
        'records_no_bucket',
        ['records', 'service'],
        `${records.service}: ${location.reason}`,
        location.hint,
      ),
    ];
  }
  return [];
}
