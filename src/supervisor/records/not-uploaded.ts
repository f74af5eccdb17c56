// not-uploaded.json: what the local records say when objects of the run did not reach the store.
// finished.json cannot say it: it is written before the last upload, it is itself uploaded (and
// may be the object that failed), and a later `sidecars upload DIR` would carry a stale list with
// it. So this file is written beside it after the last upload, removed once everything is up, and
// never uploaded itself.
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { FailedObject } from './upload-failures.js';
import { toEpochSeconds } from './records.js';

export const NOT_UPLOADED_FILE = 'not-uploaded.json';

export interface NotUploadedRecord {
  /** when the upload gave up (epoch seconds) */
  timestamp: number;
  /** s3://BUCKET: the keys are absolute in it */
  store: string;
  /** every object that is not up, and why */
  objects: FailedObject[];
}

export function toNotUploadedRecord(
  nowMs: number,
  bucket: string,
  failed: readonly FailedObject[],
): NotUploadedRecord {
  return { timestamp: toEpochSeconds(nowMs), store: `s3://${bucket}`, objects: [...failed] };
}

/**
 * Writes DIR/not-uploaded.json when something is not up (whole or not at all: a temp file renamed,
 * without an fsync, which could outlast the stop window), and removes it when everything is.
 */
export async function writeNotUploaded(dir: string, record: NotUploadedRecord): Promise<void> {
  const file = path.join(dir, NOT_UPLOADED_FILE);
  if (record.objects.length === 0) {
    await rm(file, { force: true });
    return;
  }
  const tmp = path.join(dir, `.${NOT_UPLOADED_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`);
  await rename(tmp, file);
}
