// `sidecars runs`, the reads. From the run index (run-index.ts) when the URL's level has one: one
// listing of its first `limit` entries, then each entry's body (a run's finished.json, or its
// started.json until the run's end updated it, in which case the run's finished.json is read too):
// at most 1 + 2 × limit requests, however many runs the store holds. Otherwise (runs uploaded before
// the index, a URL above the upload's PREFIX, or `scan`): one listing of every key under the prefix
// (1 request per 1,000 keys), then started.json and finished.json of the newest `limit` runs only.
// A few runs at a time; logs are never read.
import type { S3Location } from '../../config/s3-url.js';
import { FINISHED_FILE, STARTED_FILE } from './records.js';
import { toIndexedRunKey, toIndexPrefix } from './run-index.js';
import { type RunRow, type StoredRun, toRunRow, toStoredRuns } from './run-rows.js';
import type { S3Store } from './s3-store.js';

/** Runs whose records are read at once. */
export const READ_CONCURRENCY = 4;

export interface RunRows {
  rows: RunRow[];
  /** how the runs were found: the index's first entries, or a listing of every key */
  via: 'index' | 'scan';
  /** scan: every run under the prefix (rows holds the newest `limit`); index: null (not counted) */
  total: number | null;
  /** more runs than rows */
  more: boolean;
  /** scan: how many keys the listing found, runs or not (index: entries read) */
  keys: number;
  appInUrl: boolean;
}

type Json = Record<string, unknown>;

function isFinishedRecord(text: string | null): boolean {
  if (text === null) return false;
  try {
    const doc = JSON.parse(text) as Json | null;
    return typeof doc === 'object' && doc !== null && typeof doc['result'] === 'string';
  } catch {
    return false;
  }
}

async function eachAtMost<T>(
  items: readonly T[],
  work: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) {
        const item = items[i];
        if (item !== undefined) await work(item, i);
      }
    }),
  );
}

export async function readRunRows(
  store: S3Store,
  location: S3Location,
  limit: number,
  signal: AbortSignal,
  opts: { scan?: boolean } = {},
): Promise<RunRows> {
  const { bucket, prefix } = location;
  const read = async (key: string): Promise<string | null> => {
    const body = await store.get(bucket, key, signal);
    return body === null ? null : body.toString('utf8');
  };
  if (opts.scan !== true) {
    const index = await store.listFirst(bucket, toIndexPrefix(prefix), limit, signal);
    const entries = new Map<string, string>();
    for (const key of index.keys) {
      const runKey = toIndexedRunKey(prefix, key);
      if (runKey !== null && !entries.has(runKey)) entries.set(runKey, key);
    }
    if (entries.size > 0) {
      const synthetic = [...entries.keys()].map((runKey) => `${runKey}/${STARTED_FILE}`);
      const { runs, appInUrl } = toStoredRuns(prefix, synthetic);
      const rows = new Array<RunRow>(runs.length);
      await eachAtMost(runs, async (run: StoredRun, i) => {
        const body = await read(entries.get(run.key) ?? '');
        const finished = isFinishedRecord(body) ? body : await read(`${run.key}/${FINISHED_FILE}`);
        const started = isFinishedRecord(body) ? undefined : body;
        rows[i] = toRunRow(run, bucket, started, finished);
      });
      return { rows, via: 'index', total: null, more: index.more, keys: index.keys.length, appInUrl };
    }
  }
  const keys = await store.list(bucket, prefix === '' ? '' : `${prefix}/`, signal);
  const { runs, appInUrl } = toStoredRuns(prefix, keys);
  const shown = runs.slice(0, limit);
  const rows = new Array<RunRow>(shown.length);
  await eachAtMost(shown, async (run, i) => {
    const [started, finished] = await Promise.all([
      run.hasStarted ? read(`${run.key}/${STARTED_FILE}`) : null,
      run.hasFinished ? read(`${run.key}/${FINISHED_FILE}`) : null,
    ]);
    rows[i] = toRunRow(run, bucket, started, finished);
  });
  return {
    rows,
    via: 'scan',
    total: runs.length,
    more: runs.length > shown.length,
    keys: keys.length,
    appInUrl,
  };
}
