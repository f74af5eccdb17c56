// Where one run lies in the store, by its id (for `sidecars runs --open`): the run index's entries
// of its start millisecond (one listing), else a listing of every key under the prefix.
import type { S3Location } from '../../config/s3-url.js';
import { toIndexedRunKey, toIndexHead, toIndexPrefix } from './run-index.js';
import { toStoredRuns } from './run-rows.js';
import type { S3Store } from './s3-store.js';

/** The run's folder (a key without a trailing '/'), or null when no run has that id. */
export async function findRunKey(
  store: S3Store,
  location: S3Location,
  runId: string,
  signal: AbortSignal,
): Promise<string | null> {
  const { bucket, prefix } = location;
  const head = toIndexHead(runId);
  if (head !== null) {
    const { keys } = await store.listFirst(bucket, `${toIndexPrefix(prefix)}${head}`, 1000, signal);
    const found = keys
      .map((key) => toIndexedRunKey(prefix, key))
      .find((key) => key !== null && (key === runId || key.endsWith(`/${runId}`)));
    if (found !== undefined && found !== null) return found;
  }
  const keys = await store.list(bucket, prefix === '' ? '' : `${prefix}/`, signal);
  return toStoredRuns(prefix, keys).runs.find((run) => run.runId === runId)?.key ?? null;
}
