// What the `upload` bench needs around `exec --upload`: a bucket on the radosgw the step starts,
// the environment and flags of an upload-on run, the store polled for a key, and the uploader
// children (`sidecars upload --job -`) of a supervisor watched for their peak RSS.
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { createS3Client, type S3Server } from '../helpers/radosgw.js';

const MB = 1024 * 1024;
/** how often the uploader children are looked for: a batch lives a few hundred ms */
const UPLOADER_SAMPLE_MS = 20;

export interface BenchStore {
  s3: S3Client;
  bucket: string;
  endpoint: string;
  /** exec's environment, the same with upload on and off: only the flags differ */
  env: Record<string, string>;
  /** `--upload s3://BUCKET/PREFIX`: one prefix per run, so a listing finds that run alone */
  uploadArgs(prefix: string): string[];
}

export async function createBenchStore(server: S3Server): Promise<BenchStore> {
  const s3 = createS3Client(server);
  const bucket = `bench-${process.pid}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  // anyone may read and list (not write) it: the bench polls a key with a bare HEAD, which costs the
  // machine far less than an SDK request (signing, middleware) every 10 ms; a missing key is then a
  // 404 (without ListBucket it would be a 403, like a refusal)
  const read = [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` },
    { Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}` },
  ];
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: read });
  await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy }));
  return {
    s3,
    bucket,
    endpoint: server.endpoint,
    env: {
      AWS_ACCESS_KEY_ID: server.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
      AWS_ENDPOINT_URL_S3: server.endpoint,
      VCAP_APPLICATION: JSON.stringify({ application_name: 'bench', process_type: 'web', instance_index: 0 }),
    },
    uploadArgs: (prefix) => ['--upload', `s3://${bucket}/${prefix}`],
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first key under prefix that ends with suffix, listing every intervalMs until timeoutMs. */
export async function waitForKey(
  store: BenchStore,
  prefix: string,
  suffix: string,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await store.s3.send(
      new ListObjectsV2Command({ Bucket: store.bucket, Prefix: `${prefix}/` }),
    );
    const key = (page.Contents ?? []).map((o) => o.Key ?? '').find((k) => k.endsWith(suffix));
    if (key !== undefined) return key;
    if (Date.now() > deadline) throw new Error(`no …${suffix} under ${prefix}/ in ${timeoutMs} ms`);
    await sleep(50);
  }
}

const pollAgent = new Agent({ keepAlive: true, maxSockets: 1 });

/** The status of an anonymous HEAD of key (path-style, over one kept-alive socket). */
function headStatus(store: BenchStore, key: string): Promise<number> {
  const url = `${store.endpoint}/${store.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'HEAD', agent: pollAgent }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Date.now() when a HEAD of key first answers 200, asking every intervalMs (a request's own time included). */
export async function pollHead(
  store: BenchStore,
  key: string,
  intervalMs: number,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const asked = Date.now();
    const status = await headStatus(store, key);
    if (status === 200) return Date.now();
    if (status !== 404) throw new Error(`HEAD ${key}: HTTP ${status}`);
    if (Date.now() > deadline) throw new Error(`no ${key} in ${timeoutMs} ms`);
    await sleep(Math.max(0, asked + intervalMs - Date.now()));
  }
}

/** Closes the poll's kept-alive socket. */
export function closePolls(): void {
  pollAgent.destroy();
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) =>
    readText(`/proc/${pid}/task/${tid}/children`).split(' ').filter(Boolean).map(Number),
  );
}

/**
 * Watches a supervisor's children for `upload --job -` (cmdline split by NULs) every 20 ms; each
 * one's peak is the largest VmHWM (the kernel's own RSS high-water mark) read while it lived.
 * `stop()` returns the peak of every uploader seen, in MB, and how many were seen too late to read.
 */
export function watchUploaders(supervisorPid: number): { stop(): { peaksMb: number[]; missed: number } } {
  const peakKb = new Map<number, number>();
  const sample = (): void => {
    for (const pid of childrenOf(supervisorPid)) {
      if (!readText(`/proc/${pid}/cmdline`).includes('upload\0--job\0')) continue;
      const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(readText(`/proc/${pid}/status`))?.[1] ?? NaN);
      // a zombie has no VmHWM any more: keep what was read while it lived
      if (Number.isFinite(hwmKb)) peakKb.set(pid, Math.max(peakKb.get(pid) ?? 0, hwmKb));
      else if (!peakKb.has(pid)) peakKb.set(pid, NaN);
    }
  };
  const timer = setInterval(sample, UPLOADER_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const kbs = [...peakKb.values()];
      const peaksMb = kbs.filter(Number.isFinite).map((kb) => (kb * 1024) / MB);
      return { peaksMb, missed: kbs.length - peaksMb.length };
    },
  };
}
