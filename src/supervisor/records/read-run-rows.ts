// `sidecars runs`, the reads: one listing of every key under the prefix (paginated), then
// started.json and finished.json of the newest `limit` runs only, a few at a time. Logs are never read.
import type { S3Location } from '../../config/s3-url.js';
import { FINISHED_FILE, STARTED_FILE } from './records.js';
import { type RunRow, toRunRow, toStoredRuns } from './run-rows.js';
import type { S3Store } from './s3-store.js';

/** Runs whose two records are read at once. */
export const READ_CONCURRENCY = 4;

export interface RunRows {
  rows: RunRow[];
  /** every run under the prefix (rows holds the newest `limit` of them) */
  total: number;
  /** how many keys the listing found, runs or not */
  keys: number;
  appInUrl: boolean;
}

export async function readRunRows(
  store: S3Store,
  location: S3Location,
  limit: number,
  signal: AbortSignal,
): Promise<RunRows> {
  const listPrefix = location.prefix === '' ? '' : `${location.prefix}/`;
  const keys = await store.list(location.bucket, listPrefix, signal);
  const { runs, appInUrl } = toStoredRuns(location.prefix, keys);
  const shown = runs.slice(0, limit);
  const rows: RunRow[] = new Array<RunRow>(shown.length);
  const read = async (has: boolean, key: string): Promise<string | null> => {
    if (!has) return null;
    const body = await store.get(location.bucket, key, signal);
    return body === null ? null : body.toString('utf8');
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(READ_CONCURRENCY, shown.length) }, async () => {
      for (let i = next++; i < shown.length; i = next++) {
        const run = shown[i];
        if (run === undefined) continue;
        const [started, finished] = await Promise.all([
          read(run.hasStarted, `${run.key}/${STARTED_FILE}`),
          read(run.hasFinished, `${run.key}/${FINISHED_FILE}`),
        ]);
        rows[i] = toRunRow(run, location.bucket, started, finished);
      }
    }),
  );
  return { rows, total: runs.length, keys: keys.length, appInUrl };
}
