// The child's side of an upload job (`sidecars upload --job -`): finds the store in its environment,
// masks the secrets in every body, puts the objects a few at a time, then the `last` ones in order,
// and only if everything before them is up. One JSON line per object reports how it went.
import { statSync } from 'node:fs';

import { readCensor, toCensoredBody } from '../secrets/censor.js';
import { readLogTail } from './log-tail.js';
import { resolveStore } from './resolve-store.js';
import { openS3Store, toStoreErrorText } from './s3-store.js';
import type { UploadJob, UploadLine, UploadObject } from './upload-job.js';

/** Puts at once, as Prow's uploader does. */
export const UPLOAD_CONCURRENCY = 4;
/** A body that may be larger than this is put alone. */
const LARGE_BODY_BYTES = 2 * 1024 * 1024;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export async function runUploadJobHere(
  job: UploadJob,
  env: Readonly<Record<string, string | undefined>>,
  emit: (line: UploadLine) => void,
): Promise<boolean> {
  const resolved = resolveStore({ url: job.url, service: job.service }, env);
  if (!resolved.ok) {
    emit({ fatal: resolved.reason });
    return false;
  }
  const { location, credentials } = resolved.store;
  // the records are censored as they are written; this is for those of a run that knew fewer secrets
  const censor = readCensor([env]);
  const signal = AbortSignal.timeout(Math.max(1, job.deadlineMs - Date.now()));
  const store = await openS3Store(credentials);
  const put = async (object: UploadObject): Promise<boolean> => {
    try {
      const body =
        object.text !== undefined ? Buffer.from(object.text) : readLogTail(object.parts, object.tailBytes);
      await store.put(
        location.bucket,
        object.key,
        toCensoredBody(censor, body, object.contentType),
        object.contentType,
        signal,
      );
      emit({ key: object.key, ok: true });
      return true;
    } catch (error) {
      emit({
        key: object.key,
        ok: false,
        reason: signal.aborted ? 'the upload deadline passed' : toStoreErrorText(error),
      });
      return false;
    }
  };
  try {
    let allUp = true;
    // small bodies a few at a time; a large one (a whole local log) alone, so memory stays bounded
    const isLarge = (object: UploadObject): boolean => {
      const size = object.parts.reduce((sum, part) => sum + sizeOf(part), 0);
      return Math.min(size, object.tailBytes ?? size) > LARGE_BODY_BYTES;
    };
    const queue = job.objects.filter((object) => !isLarge(object));
    await Promise.all(
      Array.from({ length: Math.min(UPLOAD_CONCURRENCY, queue.length) }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          if (!(await put(next))) allUp = false;
        }
      }),
    );
    for (const object of job.objects.filter(isLarge)) if (!(await put(object))) allUp = false;
    for (const object of job.last) {
      if (allUp) allUp = await put(object);
      else
        emit({
          key: object.key,
          ok: false,
          reason: 'not uploaded: an object before it was not (it marks a complete run)',
        });
    }
    return allUp;
  } finally {
    store.close();
  }
}
