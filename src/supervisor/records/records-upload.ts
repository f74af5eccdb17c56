// When run records go to the store, after Prow: started.json and the instance's latest.txt as the
// run starts; the log tails that changed every interval; at the end the logs and exit markers, then
// finished.json last, only once everything before it is there, so its presence means the run's
// upload is complete. A store that fails is an event, never a change to supervision or exit code.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { parseS3Url } from '../../config/s3-url.js';
import type { EventBus } from '../model/events.js';
import type { Policy } from '../core/policy.js';
import { FINISHED_FILE, STARTED_FILE } from './records.js';
import type { RunRecorder } from './write-records.js';
import { listRecordFiles } from './list-record-files.js';
import { LATEST_FILE, type RunOrigin, toInstanceKey, toRunKey } from './run-key.js';
import { runUploadJob, type UploadJob, type UploadObject, type UploadOutcome } from './upload-job.js';

/** An interval upload may take this long at most; the next tick waits for it. */
const INTERVAL_UPLOAD_MS = 30_000;
/** Less time than this left for the last upload: it is not tried (the platform would cut it). */
const MIN_FINAL_UPLOAD_MS = 200;
/** At most this many objects are named, one event each, per failed batch. */
const MAX_FAILURE_EVENTS = 5;

export interface RecordsUploadOptions {
  url: string;
  service: string | null;
  origin: RunOrigin;
  runId: string;
  /** the local records dir (what the recorder writes) */
  dir: string;
  recorder: RunRecorder;
  /** 0: only at start and end */
  intervalMs: number;
  bus: EventBus;
  /** how to start `sidecars upload --job -`, and its environment */
  command: readonly string[];
  env: Readonly<Record<string, string>>;
  /** the final upload's deadline, from when the stop began (null: no stop was requested) */
  finalDeadline(stopAtMs: number | null, nowMs: number): number;
}

export interface RecordsUpload {
  /** the interval uploads, as a policy (it stops with the supervision) */
  readonly policy: Policy;
  /** started.json and latest.txt; resolves when they are up or failed (never rejects) */
  start(): Promise<void>;
  /** after the recorder finished: every file of the run, finished.json last; bounded by the deadline */
  finish(): Promise<void>;
}

const contentTypeOf = (file: string): string =>
  file.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8';

export function createRecordsUpload(opts: RecordsUploadOptions): RecordsUpload {
  const parsed = parseS3Url(opts.url);
  const location = parsed.ok ? parsed.location : { bucket: 'invalid', prefix: '' };
  const runKey = toRunKey(location, opts.origin, opts.runId);
  const object = (file: string, parts: string[], tailBytes: number | null = null): UploadObject => ({
    key: `${runKey}/${file}`,
    parts,
    tailBytes,
    contentType: contentTypeOf(file),
  });
  let stopAtMs: number | null = null;
  let running: Promise<unknown> = Promise.resolve();
  /** aborts the start and interval uploads still under way: the last upload does not wait past its deadline */
  const inFlight = new AbortController();
  const uploadedBytes = new Map<string, number>();

  const report = (what: string, outcome: UploadOutcome, startedAt: number): void => {
    const at = Date.now();
    if (outcome.uploaded.length > 0) {
      opts.bus.emit({
        type: 'records.uploaded',
        what,
        objects: outcome.uploaded.length,
        tookMs: at - startedAt,
        at,
      });
    }
    for (const { key, reason } of outcome.failed.slice(0, MAX_FAILURE_EVENTS)) {
      opts.bus.emit({ type: 'records.upload_failed', what, key, reason, at });
    }
    const more = outcome.failed.length - MAX_FAILURE_EVENTS;
    if (more > 0) {
      opts.bus.emit({
        type: 'records.upload_failed',
        what,
        key: `${more} more objects`,
        reason: 'the same batch',
        at,
      });
    }
  };

  const upload = async (
    what: string,
    objects: UploadObject[],
    last: UploadObject[],
    deadlineMs: number,
  ): Promise<UploadOutcome> => {
    const job: UploadJob = { url: opts.url, service: opts.service, objects, last, deadlineMs };
    const startedAt = Date.now();
    const signal = what === 'final' ? undefined : inFlight.signal;
    const outcome = await runUploadJob(job, {
      command: opts.command,
      env: opts.env,
      ...(signal === undefined ? {} : { signal }),
    });
    report(what, outcome, startedAt);
    return outcome;
  };

  const uploadChangedLogs = async (): Promise<void> => {
    const changed = opts.recorder.logs().filter((log) => uploadedBytes.get(log.file) !== log.writtenBytes);
    if (changed.length === 0) return;
    const outcome = await upload(
      'interval',
      changed.map((log) => object(log.file, log.parts, log.tailBytes)),
      [],
      Date.now() + INTERVAL_UPLOAD_MS,
    );
    for (const log of changed) {
      if (outcome.uploaded.includes(`${runKey}/${log.file}`)) uploadedBytes.set(log.file, log.writtenBytes);
    }
  };

  return {
    policy: {
      attach(sup) {
        const unsubscribe = sup.bus.on((event) => {
          if (event.type === 'supervisor.stop_requested') stopAtMs ??= event.at;
        });
        const abort = new AbortController();
        if (opts.intervalMs > 0) {
          void (async () => {
            while (await sup.clock.sleep(opts.intervalMs, abort.signal)) {
              const batch = running.then(uploadChangedLogs);
              running = batch;
              await batch;
            }
          })();
        }
        return () => {
          abort.abort();
          unsubscribe();
        };
      },
    },
    start() {
      const latest: UploadObject = {
        key: `${toInstanceKey(location, opts.origin)}/${LATEST_FILE}`,
        parts: [],
        tailBytes: null,
        text: `${opts.runId}\n`,
        contentType: 'text/plain; charset=utf-8',
      };
      const batch = upload(
        'start',
        [],
        [object(STARTED_FILE, [path.join(opts.dir, STARTED_FILE)]), latest],
        Date.now() + INTERVAL_UPLOAD_MS,
      );
      running = batch;
      return batch.then(() => undefined);
    },
    async finish() {
      const deadlineMs = opts.finalDeadline(stopAtMs, Date.now());
      if (deadlineMs - Date.now() < MIN_FINAL_UPLOAD_MS) {
        const reason = 'no time left in the stop window: the grace period took it';
        opts.bus.emit({ type: 'records.upload_failed', what: 'final', key: runKey, reason, at: Date.now() });
        return;
      }
      // an upload still under way gets half the time left, then gives way to the last one
      const waited = new AbortController();
      await Promise.race([
        running,
        sleep(Math.max(0, (deadlineMs - Date.now()) / 2), undefined, { signal: waited.signal }).catch(
          () => undefined,
        ),
      ]);
      waited.abort();
      inFlight.abort();
      let files: string[];
      try {
        files = await listRecordFiles(opts.dir);
      } catch (error) {
        opts.bus.emit({
          type: 'records.upload_failed',
          what: 'final',
          key: runKey,
          reason: (error as Error).message,
          at: Date.now(),
        });
        return;
      }
      const objects = files
        .filter((file) => file !== FINISHED_FILE)
        .map((file) => object(file, [path.join(opts.dir, file)]));
      const last = files.includes(FINISHED_FILE)
        ? [object(FINISHED_FILE, [path.join(opts.dir, FINISHED_FILE)])]
        : [];
      await upload('final', objects, last, deadlineMs);
    },
  };
}
