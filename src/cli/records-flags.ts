// Where `exec` and `run` keep their run records and whether they upload them: --artifacts,
// --upload, --log-tail, --upload-interval, --run-name, and sidecars.yml `records` (exec).
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { BYTE_SIZE_HINT, formatByteSize, parseByteSize } from '../config/byte-size.js';
import type { RecordsConfig } from '../config/runtime-config.js';
import { parseS3Url, S3_URL_HINT } from '../config/s3-url.js';
import {
  DEFAULT_LOG_TAIL_BYTES,
  DEFAULT_UPLOAD_INTERVAL_S,
  MAX_LOG_TAIL_BYTES,
  MIN_LOG_TAIL_BYTES,
} from '../config/schema-defaults.js';
import { toNonNegativeInt } from './cli-values.js';
import { toRunId, toRunOrigin } from '../supervisor/records/run-key.js';
import type { UploadRequest } from '../supervisor/records/start-upload.js';
import type { RunSource } from '../supervisor/records/records.js';
import type { ObservedRunOptions } from '../supervisor/wiring/run-observed.js';

export const RECORDS_OPTIONS = {
  artifacts: { type: 'string' },
  upload: { type: 'string' },
  'log-tail': { type: 'string' },
  'upload-interval': { type: 'string' },
  'run-name': { type: 'string' },
} as const;

/** The help lines of these flags, their text starting at `column`. */
export function toRecordsHelp(column: number): string {
  const rows: Array<[string, string[]]> = [
    ['--artifacts DIR', ['write run records: started.json, finished.json, <name>.log, <name>.exit']],
    [
      '--upload s3://BUCKET[/PREFIX]',
      [
        'upload the run records there (credentials: a bound service, else AWS_*);',
        'without --artifacts they are kept in $TMPDIR/sidecars-records/',
      ],
    ],
    [
      '--log-tail SIZE',
      [
        'keep only the last SIZE of each log (512K, 1M; default: whole logs',
        'with --artifacts, 1M otherwise)',
      ],
    ],
    [
      '--upload-interval S',
      [
        'seconds between uploads of what changed: log tails, events,',
        'memory, the page (0: start and end only)',
      ],
    ],
    ['--run-name APP', ["<app> in the store's layout (default: the app's name)"]],
  ];
  const lines: string[] = [];
  for (const [flag, text] of rows) {
    const head = `  ${flag}`;
    if (head.length < column) lines.push(`${head.padEnd(column)}${text[0] ?? ''}`);
    else lines.push(head, `${' '.repeat(column)}${text[0] ?? ''}`);
    for (const more of text.slice(1)) lines.push(`${' '.repeat(column)}${more}`);
  }
  return lines.join('\n');
}

type RecordsValues = Partial<Record<keyof typeof RECORDS_OPTIONS, string>>;

export interface RecordsContext {
  source: RunSource;
  /** sidecars.yml `records`, as staging resolved it (exec) */
  config: RecordsConfig | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** a name for this supervisor's records dir in TMPDIR (the launch.yml entry) */
  entry: string;
  /** the app's name and process type when VCAP_APPLICATION does not say */
  fallbackOrigin: { app: string; processType: string };
  finalDeadline: UploadRequest['finalDeadline'];
}

function toLogTail(text: string): number {
  const parsed = parseByteSize(text);
  if (!parsed.ok) throw new SidecarError('usage', `--log-tail: ${parsed.reason}`, BYTE_SIZE_HINT);
  if (parsed.bytes < MIN_LOG_TAIL_BYTES || parsed.bytes > MAX_LOG_TAIL_BYTES) {
    throw new SidecarError(
      'usage',
      `--log-tail ${text}: outside ${formatByteSize(MIN_LOG_TAIL_BYTES)}..${formatByteSize(MAX_LOG_TAIL_BYTES)}`,
      BYTE_SIZE_HINT,
    );
  }
  return parsed.bytes;
}

/** The records and upload options of a run, from its flags and its config. */
export function toRecordsOptions(
  values: RecordsValues,
  ctx: RecordsContext,
): Pick<ObservedRunOptions, 'artifacts' | 'upload'> {
  if (values.upload !== undefined) {
    const parsed = parseS3Url(values.upload);
    if (!parsed.ok) throw new SidecarError('usage', `--upload: ${parsed.reason}`, S3_URL_HINT);
  }
  const url = values.upload ?? ctx.config?.upload ?? null;
  const service = values.upload === undefined ? (ctx.config?.service ?? null) : null;
  const uploading = url !== null || service !== null;
  const logTailBytes =
    values['log-tail'] !== undefined
      ? toLogTail(values['log-tail'])
      : values.artifacts !== undefined
        ? null
        : (ctx.config?.logTailBytes ?? DEFAULT_LOG_TAIL_BYTES);
  if (!uploading) {
    if (values.artifacts === undefined) return { artifacts: null, upload: null };
    return {
      artifacts: { dir: path.resolve(values.artifacts), source: ctx.source, logTailBytes },
      upload: null,
    };
  }
  const intervalMs =
    values['upload-interval'] !== undefined
      ? toNonNegativeInt(values['upload-interval'], 0, '--upload-interval') * 1000
      : (ctx.config?.intervalMs ?? DEFAULT_UPLOAD_INTERVAL_S * 1000);
  const runId = toRunId(Date.now());
  const origin = toRunOrigin(ctx.env['VCAP_APPLICATION'], {
    ...ctx.fallbackOrigin,
    instanceIndex: ctx.env['CF_INSTANCE_INDEX'],
  });
  if (values['run-name'] !== undefined) origin.app = values['run-name'];
  const tmpDir = ctx.env['TMPDIR'] || '/tmp';
  const dir =
    values.artifacts !== undefined
      ? path.resolve(values.artifacts)
      : path.join(tmpDir, 'sidecars-records', ctx.entry, runId);
  return {
    artifacts: { dir, source: ctx.source, logTailBytes },
    upload: { url, service, intervalMs, origin, runId, finalDeadline: ctx.finalDeadline },
  };
}
