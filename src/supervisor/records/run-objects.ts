// The objects of one run in the store: each record file under the run's key, the instance's
// latest.txt naming the run, and the run's index entries (run-index.ts). Pure.
import path from 'node:path';

import { parseS3Url } from '../../config/s3-url.js';
import { FINISHED_FILE, STARTED_FILE } from './records.js';
import { toIndexKeys } from './run-index.js';
import { LATEST_FILE, type RunOrigin, toInstanceKey, toRunKey } from './run-key.js';
import type { UploadObject } from './upload-job.js';

export interface RunObjects {
  bucket: string;
  /** PREFIX/<app>/<type>-<index>/<run id> */
  runKey: string;
  /** PREFIX/<app>/<type>-<index>/latest.txt: the run id */
  latest: UploadObject;
  /** a record file (its body: the tail of `parts`, or all of them) */
  object: (file: string, parts: string[], tailBytes?: number | null) => UploadObject;
  /** the run's index entries, each with the body of `file` (started.json, then finished.json) */
  index: (file: string) => UploadObject[];
  /**
   * the last batch: every record file in `dir`, latest.txt when asked, finished.json last (if there),
   * then the index entries with its body (with started.json's when there is no finished.json)
   */
  toLastBatch: (
    dir: string,
    files: readonly string[],
    withLatest: boolean,
  ) => { objects: UploadObject[]; last: UploadObject[] };
}

const contentTypeOf = (file: string): string =>
  file.endsWith('.json')
    ? 'application/json'
    : file.endsWith('.html')
      ? 'text/html; charset=utf-8'
      : 'text/plain; charset=utf-8';

export function toRunObjects(url: string, origin: RunOrigin, runId: string): RunObjects {
  const parsed = parseS3Url(url);
  const location = parsed.ok ? parsed.location : { bucket: 'invalid', prefix: '' };
  const runKey = toRunKey(location, origin, runId);
  const object = (file: string, parts: string[], tailBytes: number | null = null): UploadObject => ({
    key: `${runKey}/${file}`,
    parts,
    tailBytes,
    contentType: contentTypeOf(file),
  });
  const index = (file: string): UploadObject[] =>
    toIndexKeys(location.prefix, runKey, runId).map((key) => ({
      key,
      parts: [file],
      tailBytes: null,
      contentType: 'application/json',
    }));
  const latest: UploadObject = {
    key: `${toInstanceKey(location, origin)}/${LATEST_FILE}`,
    parts: [],
    tailBytes: null,
    text: `${runId}\n`,
    contentType: 'text/plain; charset=utf-8',
  };
  return {
    bucket: location.bucket,
    runKey,
    latest,
    object,
    index,
    toLastBatch: (dir, files, withLatest) => {
      const objects = files
        .filter((file) => file !== FINISHED_FILE)
        .map((file) => object(file, [path.join(dir, file)]));
      if (withLatest) objects.push(latest);
      const body = [FINISHED_FILE, STARTED_FILE].find((file) => files.includes(file));
      const last = files.includes(FINISHED_FILE)
        ? [object(FINISHED_FILE, [path.join(dir, FINISHED_FILE)])]
        : [];
      if (body !== undefined) last.push(...index(path.join(dir, body)));
      return { objects, last };
    },
  };
}
