// `sidecars upload DIR s3://BUCKET[/PREFIX]`: an artifacts dir written earlier goes to the store in
// the layout the supervisor uploads in (after Prow's gcsupload). `--job -` is the supervisor's own
// use: one batch read from stdin, one JSON line per object on stdout.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { parseS3Url, S3_URL_HINT, toS3Url } from '../config/s3-url.js';
import { listRecordFiles } from '../supervisor/records/list-record-files.js';
import { resolveStore } from '../supervisor/records/resolve-store.js';
import { toRunId, toRunOrigin } from '../supervisor/records/run-key.js';
import { toRunObjects } from '../supervisor/records/run-objects.js';
import {
  NOT_UPLOADED_FILE,
  toNotUploadedRecord,
  writeNotUploaded,
} from '../supervisor/records/not-uploaded.js';
import { toUploadOutcome, type UploadJob, type UploadLine } from '../supervisor/records/upload-job.js';
import { runUploadJobHere } from '../supervisor/records/upload-worker.js';
import { STARTED_FILE } from '../supervisor/records/records.js';
import { toShortHash } from '../common/short-hash.js';
import { parseCommandArgs } from './command-args.js';

export const SUMMARY = 'upload a run records dir to an S3-compatible store';

export const HELP = `Usage: sidecars upload DIR s3://BUCKET[/PREFIX] [--service NAME] [--run-name APP]

Uploads the run records in DIR (what --artifacts wrote) as the supervisor does, after Prow:
  PREFIX/<app>/<process type>-<instance index>/<run id>/  every file of DIR, finished.json last
  PREFIX/<app>/<process type>-<instance index>/latest.txt  the run id
exec and run write their records with the secrets of their processes already masked; the
upload masks, besides, those of this environment (secret-named variables, every bound
credential, the password of any URL).

Credentials: the bound service NAME in VCAP_SERVICES (or VCAP_SERVICES_FILE_PATH), else
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (path-style addressing whenever an endpoint is given).

Options:
  --service NAME     the bound service whose credentials (and, with no BUCKET, bucket) to use
  --run-name APP     <app> in the layout (default: the run's own, else DIR's name)
  --deadline-s N     give up after N seconds (default 60)
  -h, --help         show this help

Exit codes: 0 when every object is up; 1 otherwise (each failure is named, and DIR/not-uploaded.json
lists them; it is removed once everything is up, and never uploaded).`;

const DEFAULT_DEADLINE_S = 60;

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'upload',
    argv,
    {
      job: { type: 'string' },
      service: { type: 'string' },
      'run-name': { type: 'string' },
      'deadline-s': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (values.job === '-') return runJobFromStdin();
  try {
    const [dir, url] = positionals;
    if (dir === undefined || url === undefined || positionals.length > 2) {
      throw new SidecarError(
        'usage',
        'upload takes a DIR and an s3://BUCKET[/PREFIX]',
        'Run `sidecars upload --help`.',
      );
    }
    const deadlineS = Number(values['deadline-s'] ?? DEFAULT_DEADLINE_S);
    if (!Number.isInteger(deadlineS) || deadlineS <= 0) {
      throw new SidecarError(
        'usage',
        `--deadline-s takes a whole number of seconds, not "${values['deadline-s']}"`,
      );
    }
    const job = await toDirJob(
      path.resolve(dir),
      url,
      values.service ?? null,
      values['run-name'] ?? null,
      deadlineS,
    );
    const failed: string[] = [];
    const lines: UploadLine[] = [];
    const ok = await runUploadJobHere(job, process.env, (line) => {
      lines.push(line);
      if ('fatal' in line) failed.push(line.fatal);
      else if (!line.ok) failed.push(`${line.key}: ${line.reason}`);
    });
    // DIR says what is not up (not-uploaded.json), or no longer says anything once all is
    const notUp = toUploadOutcome(job, lines, 'not uploaded').failed;
    const bucket = job.url.slice('s3://'.length).split('/')[0] ?? '';
    await writeNotUploaded(path.resolve(dir), toNotUploadedRecord(Date.now(), bucket, notUp)).catch(
      (error: unknown) =>
        console.error(
          `sidecars upload: could not update ${NOT_UPLOADED_FILE} in ${dir}: ${(error as Error).message}`,
        ),
    );
    if (!ok) {
      console.error(
        `sidecars upload: ${failed.length === 1 ? failed[0] : `${failed.length} failures:\n  ${failed.join('\n  ')}`}`,
      );
      return 1;
    }
    const first = job.last[0]?.key ?? '';
    console.log(
      `uploaded ${job.objects.length + job.last.length} objects to s3://${job.url.slice(5).split('/')[0]}/${path.posix.dirname(first)}/`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars upload: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

/** How often the supervisor's uploader checks that the supervisor is still its parent. */
const PARENT_POLL_MS = 200;

/**
 * The supervisor's batch: stdin → lines on stdout; exit 0 when every object is up. The supervisor
 * kills it on every exit path it sees; one it cannot see (SIGKILL) orphans it, and then it ends too.
 */
async function runJobFromStdin(): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const emit = (line: UploadLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
  try {
    const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as UploadJob;
    const { parentPid } = job;
    if (typeof parentPid === 'number') {
      const isOrphan = (): boolean => process.ppid !== parentPid;
      if (isOrphan()) return 1;
      setInterval(() => {
        if (isOrphan()) process.exit(1);
      }, PARENT_POLL_MS).unref();
    }
    return (await runUploadJobHere(job, process.env, emit)) ? 0 : 1;
  } catch (error) {
    emit({ fatal: error instanceof SyntaxError ? 'the job is not JSON' : (error as Error).message });
    return 1;
  }
}

interface StartedRun {
  timestamp?: number;
  metadata?: { run?: { id?: string; app?: string; process_type?: string; instance_index?: number } };
}

/** Every file of DIR under the run's key, finished.json last, and latest.txt naming the run. */
async function toDirJob(
  dir: string,
  url: string,
  service: string | null,
  runName: string | null,
  deadlineS: number,
): Promise<UploadJob> {
  const parsed = parseS3Url(url);
  if (!parsed.ok) throw new SidecarError('usage', parsed.reason, S3_URL_HINT);
  let started: StartedRun;
  let startedText: string;
  try {
    startedText = await readFile(path.join(dir, STARTED_FILE), 'utf8');
    started = JSON.parse(startedText) as StartedRun;
  } catch {
    throw new SidecarError(
      'usage',
      `${dir} holds no readable ${STARTED_FILE}: it is not a run records dir`,
      'Pass the DIR that --artifacts wrote.',
    );
  }
  const resolved = resolveStore({ url, service }, process.env);
  if (!resolved.ok) throw new SidecarError('usage', resolved.reason, resolved.hint);
  const run = started.metadata?.run ?? {};
  const origin = toRunOrigin(undefined, {
    app: runName ?? run.app ?? path.basename(dir),
    processType: run.process_type ?? 'web',
    instanceIndex: String(run.instance_index ?? 0),
  });
  // a dir without an id of its own gets the same one each time: uploading it twice replaces, never doubles
  const stable = Number.parseInt(toShortHash(startedText).slice(0, 8), 16) / 2 ** 32;
  const runId = run.id ?? toRunId((started.timestamp ?? 0) * 1000, () => stable);
  const storeUrl = toS3Url(resolved.store.location);
  const runObjects = toRunObjects(storeUrl, origin, runId);
  const { objects, last } = runObjects.toLastBatch(dir, await listRecordFiles(dir), false);
  return {
    url: storeUrl,
    service,
    objects,
    last: [...last, runObjects.latest],
    deadlineMs: Date.now() + deadlineS * 1000,
  };
}
