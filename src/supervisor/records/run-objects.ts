// The objects of one run in the store: each record file under the run's key, and the instance's
// latest.txt naming the run. Pure.
import path from 'node:path';

import { parseS3Url } from '../../config/s3-url.js';
import { FINISHED_FILE } from './records.js';
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
  /** the last batch: every record file in `dir`, latest.txt when asked, finished.json last (if there) */
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
    toLastBatch: (dir, files, withLatest) => {
      const objects = files
        .filter((file) => file !== FINISHED_FILE)
        .map((file) => object(file, [path.join(dir, file)]));
      if (withLatest) objects.push(latest);
      const last = files.includes(FINISHED_FILE)
        ? [object(FINISHED_FILE, [path.join(dir, FINISHED_FILE)])]
        : [];
      return { objects, last };
    },
  };
}
