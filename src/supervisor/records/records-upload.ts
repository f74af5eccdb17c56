// When run records go to the store, after Prow: started.json and the instance's latest.txt as the
// run starts; the log tails that changed every interval; at the end the logs and exit markers, then
// finished.json last, only once everything before it is there, so its presence means the run's
// upload is complete. A store that fails is an event, never a change to supervision or exit code.
// Whatever the store does and whatever was queued, every uploader child is gone by the deadline.
import path from 'node:path';

import type { EventBus } from '../model/events.js';
import type { Policy } from '../core/policy.js';
import { toUploadTimes } from './deadline.js';
import { listRecordFiles } from './list-record-files.js';
import { toNotUploadedRecord, writeNotUploaded } from './not-uploaded.js';
import { STARTED_FILE } from './records.js';
import type { RunOrigin } from './run-key.js';
import { toRunObjects } from './run-objects.js';
import { createUploadChildren } from './upload-children.js';
import { type FailedObject, toFailureEvents } from './upload-failures.js';
import type { UploadObject, UploadOutcome } from './upload-job.js';
import type { RunRecorder } from './write-records.js';

/** An interval upload may take this long at most; the next tick waits for it. */
const INTERVAL_UPLOAD_MS = 30_000;
/** Less time than this left for the last upload: it is not tried (the platform would cut it). */
const MIN_FINAL_UPLOAD_MS = 200;
const NO_TIME_LEFT = 'not tried: no time left in the stop window (the grace period took it)';
/** How long a SIGKILLed child may take to be reaped and its pipes closed. */
const KILLED_CLOSE_MS = 100;

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
  /** by when the supervisor must have exited, from when the stop began (null: no stop was requested) */
  finalDeadline(stopAtMs: number | null, nowMs: number): number;
}

export interface RecordsUpload {
  /** the interval uploads, as a policy (they end when the stop begins) */
  readonly policy: Policy;
  /** started.json and latest.txt; resolves when they are up or failed (never rejects) */
  start(): Promise<void>;
  /**
   * after the recorder finished: every file of the run, finished.json last; then not-uploaded.json.
   * Resolves once every uploader child is gone, by the deadline; rejects only if that file cannot be written.
   */
  finish(): Promise<void>;
  /** kills every uploader child now (a path that never reaches finish) */
  stop(): void;
}

export function createRecordsUpload(opts: RecordsUploadOptions): RecordsUpload {
  const { bucket, runKey, latest, object, toLastBatch } = toRunObjects(opts.url, opts.origin, opts.runId);
  const children = createUploadChildren({ command: opts.command, env: opts.env });
  let stopAtMs: number | null = null;
  /** set when the stop begins: no interval upload starts after it, queued or not */
  let closed = false;
  /** aborted to make way for the last upload: kills the start and interval uploads still under way */
  const early = new AbortController();
  /** the start and interval uploads, one after the other */
  let queue: Promise<void> = Promise.resolve();
  let latestUp = false;
  const uploadedBytes = new Map<string, number>();

  const report = (what: string, outcome: Pick<UploadOutcome, 'uploaded' | 'failed'>, startedAt: number) => {
    const at = Date.now();
    if (outcome.uploaded.length > 0) {
      const tookMs = at - startedAt;
      opts.bus.emit({ type: 'records.uploaded', what, objects: outcome.uploaded.length, tookMs, at });
    }
    for (const event of toFailureEvents(what, outcome.failed, at)) opts.bus.emit(event);
  };

  const upload = async (
    what: string,
    objects: UploadObject[],
    last: UploadObject[],
    deadlineMs: number,
  ): Promise<UploadOutcome> => {
    const startedAt = Date.now();
    const job = { url: opts.url, service: opts.service, objects, last, deadlineMs };
    const outcome = await children.run(job, what === 'final' ? undefined : early.signal);
    if (outcome.uploaded.includes(latest.key)) latestUp = true;
    report(what, outcome, startedAt);
    return outcome;
  };

  const uploadChangedLogs = async (): Promise<void> => {
    if (closed) return;
    const changed = opts.recorder.logs().filter((log) => uploadedBytes.get(log.file) !== log.writtenBytes);
    if (changed.length === 0) return;
    // the page, refreshed with what changed (a page that cannot be written is left as it was)
    const page = await opts.recorder.writeReport().catch(() => null);
    const objects = changed.map((log) => object(log.file, log.parts, log.tailBytes));
    if (page !== null) objects.push(object(page, [path.join(opts.dir, page)]));
    const outcome = await upload('interval', objects, [], Date.now() + INTERVAL_UPLOAD_MS);
    for (const log of changed) {
      if (outcome.uploaded.includes(`${runKey}/${log.file}`)) uploadedBytes.set(log.file, log.writtenBytes);
    }
  };

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return queue;
  };

  /** The last batch: every record file, latest.txt if it is not up yet, finished.json last. */
  const uploadLast = async (giveUpAtMs: number): Promise<FailedObject[]> => {
    let files: string[];
    try {
      files = await listRecordFiles(opts.dir);
    } catch (error) {
      const failed = [
        { key: `${runKey}/`, reason: `the records could not be listed: ${(error as Error).message}` },
      ];
      report('final', { uploaded: [], failed }, Date.now());
      return failed;
    }
    const { objects, last } = toLastBatch(opts.dir, files, !latestUp);
    if (giveUpAtMs - Date.now() < MIN_FINAL_UPLOAD_MS) {
      const failed = [...objects, ...last].map(({ key }) => ({ key, reason: NO_TIME_LEFT }));
      report('final', { uploaded: [], failed }, Date.now());
      return failed;
    }
    return (await upload('final', objects, last, giveUpAtMs)).failed;
  };

  return {
    policy: {
      attach(sup) {
        const ticks = new AbortController();
        const unsubscribe = sup.bus.on((event) => {
          if (event.type !== 'supervisor.stop_requested') return;
          stopAtMs ??= event.at;
          closed = true; // the last upload comes next and takes every log
          ticks.abort();
        });
        if (opts.intervalMs > 0) {
          void (async () => {
            while (await sup.clock.sleep(opts.intervalMs, ticks.signal)) await enqueue(uploadChangedLogs);
          })();
        }
        return () => {
          ticks.abort();
          unsubscribe();
        };
      },
    },
    start() {
      const started = object(STARTED_FILE, [path.join(opts.dir, STARTED_FILE)]);
      // it starts now; interval uploads queue behind it
      const batch = upload('start', [], [started, latest], Date.now() + INTERVAL_UPLOAD_MS);
      return enqueue(() => batch.then(() => undefined));
    },
    async finish() {
      closed = true;
      const { giveUpAtMs, killAtMs } = toUploadTimes(opts.finalDeadline(stopAtMs, Date.now()));
      // an upload still under way gets half the time left, then gives way to the last one
      await children.settled(Date.now() + Math.max(0, (giveUpAtMs - Date.now()) / 2));
      early.abort();
      await children.settled(killAtMs);
      const failed = await uploadLast(giveUpAtMs);
      // the last child is killed at killAtMs by its own timer; nothing else may run past it either
      if (!(await children.settled(killAtMs))) children.killAll();
      await children.settled(killAtMs + KILLED_CLOSE_MS);
      await writeNotUploaded(opts.dir, toNotUploadedRecord(Date.now(), bucket, failed));
    },
    stop: () => children.killAll(),
  };
}
