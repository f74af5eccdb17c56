// Wires a run's records to the store: resolves the store from the environment at start (a binding
// added after staging that is still missing is an error event now, and the records stay local),
// then starts the schedule of records-upload.ts.
import type { Logger } from 'pino';

import { toS3Url } from '../../config/s3-url.js';
import type { EventBus, SupervisorEvent } from '../model/events.js';
import { toLogRecord } from '../policies/log-events.js';
import type { RunRecorder } from './write-records.js';
import { createRecordsUpload, type RecordsUpload } from './records-upload.js';
import { resolveStore } from './resolve-store.js';
import type { RunOrigin } from './run-key.js';

/** What `--upload` / sidecars.yml `records` ask for. */
export interface UploadRequest {
  url: string | null;
  service: string | null;
  intervalMs: number;
  origin: RunOrigin;
  runId: string;
  finalDeadline(stopAtMs: number | null, nowMs: number): number;
}

/**
 * How the supervisor starts the uploader child: its own Node.js and entry point, `upload --job -`.
 * V8's lite mode (no optimizing compiler, lazy feedback) and a 1 MB young generation take its peak
 * RSS from 88 to 72 MB on Node.js 22, 70 MB on 24 (six 1 MiB logs; as fast, the work is I/O), and that peak is
 * declared in launch.yml.
 */
export const UPLOADER_NODE_FLAGS = ['--lite-mode', '--max-semi-space-size=1'];

export function toUploaderCommand(): string[] {
  return [process.execPath, ...UPLOADER_NODE_FLAGS, process.argv[1] ?? '', 'upload', '--job', '-'];
}

/** The uploader's environment: ours, less the app's NODE_OPTIONS (an APM agent must not load into it). */
export function toUploaderEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && key !== 'NODE_OPTIONS' && key !== 'SIDECARS_APP_NODE_OPTIONS')
      out[key] = value;
  }
  return out;
}

/** Logs the store's events that come after supervision, when the log policy has gone. */
function logLateEvents(bus: EventBus, logger: Logger): { afterSupervision(): void; stop(): void } {
  let late = false;
  const stop = bus.on((event: SupervisorEvent) => {
    if (!late || !event.type.startsWith('records.')) return;
    const { level, msg, fields } = toLogRecord(event);
    logger[level]({ event: event.type, ...fields }, msg);
  });
  return { afterSupervision: () => (late = true), stop };
}

export interface StartedUpload {
  readonly upload: RecordsUpload;
  /** after the recorder finished: the last upload; every uploader child is gone by the request's deadline */
  finish(): Promise<void>;
  /** a path that never reaches finish: every uploader child is killed now */
  stop(): void;
}

export function startUpload(
  request: UploadRequest,
  ctx: { dir: string; recorder: RunRecorder; bus: EventBus; logger: Logger },
): StartedUpload | null {
  const resolved = resolveStore({ url: request.url, service: request.service }, process.env);
  if (!resolved.ok) {
    ctx.logger.error(
      {
        event: 'records.upload_failed',
        what: 'start',
        key: request.url ?? `service ${request.service ?? ''}`,
        reason: resolved.reason,
      },
      `run records will not be uploaded: ${resolved.reason}. ${resolved.hint}`,
    );
    return null;
  }
  const late = logLateEvents(ctx.bus, ctx.logger);
  const upload = createRecordsUpload({
    url: toS3Url(resolved.store.location),
    service: request.service,
    origin: request.origin,
    runId: request.runId,
    dir: ctx.dir,
    recorder: ctx.recorder,
    intervalMs: request.intervalMs,
    bus: ctx.bus,
    command: toUploaderCommand(),
    env: toUploaderEnv(process.env),
    finalDeadline: (stopAtMs, nowMs) => request.finalDeadline(stopAtMs, nowMs),
  });
  void upload.start();
  return {
    upload,
    async finish() {
      late.afterSupervision();
      try {
        await upload.finish();
      } finally {
        late.stop();
      }
    },
    stop() {
      upload.stop();
      late.stop();
    },
  };
}
