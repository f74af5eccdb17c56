// One batch of uploads, done by a short-lived child process (`sidecars upload --job -`): the S3
// client costs ~20 MB of RSS and ~80 ms to load, which the supervisor, whose RSS is declared in
// launch.yml, never pays; the child exits when the batch is done. The job goes in on stdin (no
// credential on a command line: the child finds them in the environment, as the supervisor would),
// one JSON line per object comes out on stdout.
import { spawn } from 'node:child_process';

import { KILL_AFTER_DEADLINE_MS } from './deadline.js';

/** One object to put: a file (or the tail of a log's segments), or a short text. */
export interface UploadObject {
  key: string;
  /** files whose concatenation is the body (a log's segments); empty with `text` */
  parts: string[];
  /** keep only the last bytes of the parts (a bounded log) */
  tailBytes: number | null;
  text?: string;
  contentType: string;
}

export interface UploadJob {
  /** s3://BUCKET[/PREFIX]: the bucket; keys are absolute */
  url: string;
  /** the bound service whose credentials to use; null: the AWS_* variables */
  service: string | null;
  /** put in parallel (a few at a time) */
  objects: UploadObject[];
  /** put one after the other, and only once every object before succeeded (finished.json, Prow's marker of a complete run) */
  last: UploadObject[];
  /** epoch ms by which the child gives up */
  deadlineMs: number;
  /** the supervisor that started the child: once it is no longer the child's parent, the child ends */
  parentPid?: number;
}

export type UploadLine =
  { key: string; ok: true } | { key: string; ok: false; reason: string } | { fatal: string };

export interface UploadOutcome {
  failed: Array<{ key: string; reason: string }>;
  uploaded: string[];
  /** what stopped the whole job (no credentials, the deadline), if anything */
  fatal: string | null;
}

/** What an object of a job that was stopped (or never started) for the last upload failed with. */
export const STOPPED_FOR_LAST = 'stopped for the last upload';

/** Parses the child's NDJSON answer; a line that is not one of ours is ignored. */
export function parseUploadLines(text: string): UploadLine[] {
  const out: UploadLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Partial<Record<'key' | 'ok' | 'reason' | 'fatal', unknown>>;
      if (typeof value.fatal === 'string') out.push({ fatal: value.fatal });
      else if (typeof value.key === 'string' && value.ok === true) out.push({ key: value.key, ok: true });
      else if (typeof value.key === 'string' && typeof value.reason === 'string')
        out.push({ key: value.key, ok: false, reason: value.reason });
    } catch {
      // not ours
    }
  }
  return out;
}

/** The outcome of a job from the child's lines: an object it never reported failed with `unreported`. */
export function toUploadOutcome(
  job: UploadJob,
  lines: readonly UploadLine[],
  unreported: string,
): UploadOutcome {
  const done = new Map<string, string | null>();
  let fatal: string | null = null;
  for (const line of lines) {
    if ('fatal' in line) fatal = line.fatal;
    else done.set(line.key, line.ok ? null : line.reason);
  }
  const failed: UploadOutcome['failed'] = [];
  const uploaded: string[] = [];
  for (const { key } of [...job.objects, ...job.last]) {
    const reason = done.has(key) ? done.get(key) : (fatal ?? unreported);
    if (reason === null || reason === undefined) uploaded.push(key);
    else failed.push({ key, reason });
  }
  return { failed, uploaded, fatal };
}

/**
 * Runs a job in a child (`command` is how to start `sidecars upload --job -`); resolves with what
 * it reported once the child is gone (never rejects). The child is SIGKILLed KILL_AFTER_DEADLINE_MS
 * past the deadline, when `signal` aborts, and when the supervisor exits: a store that hangs never
 * holds the supervisor. A signal already aborted starts no child at all.
 */
export function runUploadJob(
  job: UploadJob,
  opts: {
    command: readonly string[];
    env: Readonly<Record<string, string>>;
    /** aborting kills the child at once */
    signal?: AbortSignal;
    nowMs?: () => number;
  },
): Promise<UploadOutcome> {
  const now = opts.nowMs ?? Date.now;
  const [file, ...args] = opts.command;
  return new Promise((resolve) => {
    if (file === undefined) {
      resolve(toUploadOutcome(job, [], 'no upload command'));
      return;
    }
    if (opts.signal?.aborted === true) {
      resolve(toUploadOutcome(job, [], STOPPED_FOR_LAST));
      return;
    }
    const child = spawn(file, args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (err.length < 4096) err += chunk;
    });
    child.stdin.on('error', () => undefined); // a child that died before reading its job
    child.stdin.end(`${JSON.stringify({ ...job, parentPid: process.pid })}\n`);
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      Math.max(0, job.deadlineMs - now()) + KILL_AFTER_DEADLINE_MS,
    );
    const onAbort = (): void => void child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // the supervisor's own exit, on any path, takes its uploader with it
    const onExit = (): void => void child.kill('SIGKILL');
    process.once('exit', onExit);
    const finish = (why: string): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      process.off('exit', onExit);
      const aborted = opts.signal?.aborted === true ? STOPPED_FOR_LAST : why;
      resolve(toUploadOutcome(job, parseUploadLines(out), timedOut ? 'the upload deadline passed' : aborted));
    };
    child.once('error', (error) => finish(`the uploader could not start: ${error.message}`));
    child.once('close', (code, signal) =>
      finish(
        `the uploader ended (${signal ?? `exit ${String(code)}`})${err === '' ? '' : `: ${err.trim().split('\n').at(-1) ?? ''}`}`,
      ),
    );
  });
}
