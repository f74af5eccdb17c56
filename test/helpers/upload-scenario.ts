// What the upload tests share: a bucket in the test's radosgw, `exec --upload` on a runtime config
// of sidecars, the objects of a run, the uploader children (`sidecars upload --job -`) seen alive.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';

import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';

import { makeScratch, writeConfig } from './exec-fixture.js';
import { isAlive } from './pids.js';
import { createS3Client, type S3Server } from './radosgw.js';
import { readEvents, startSidecars } from './run-sidecars.js';
import { healthCheck, runtimeConfig } from './runtime-config-fixture.js';

let bucketCount = 0;

export async function newBucket(server: S3Server): Promise<{ s3: S3Client; bucket: string }> {
  const s3 = createS3Client(server);
  const bucket = `records-${process.pid}-${++bucketCount}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { s3, bucket };
}

export async function listKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

export async function readText(s3: S3Client, bucket: string, key: string): Promise<string> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await answer.Body?.transformToString()) ?? '';
}

export function awsEnv(s: S3Server, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s.endpoint,
    VCAP_APPLICATION: JSON.stringify({ application_name: 'shop', process_type: 'web', instance_index: 1 }),
    ...overrides,
  };
}

export const sidecar = (name: string, command: string, memoryMb = 64) => ({
  name,
  command,
  memoryMb,
  sidecarFor: ['web'],
});
export const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };

/** `exec --for web --upload …` on these sidecars, in a scratch TMPDIR; MARK=<its name> in every env. */
export async function execWith(
  t: TestContext,
  sidecars: Array<ReturnType<typeof sidecar>>,
  env: Record<string, string>,
  args: string[],
  graceMs = 1000,
) {
  const { dir } = await makeScratch(t, 'upload');
  const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
  const mark = path.basename(dir);
  const cli = startSidecars(
    ['exec', '--for', 'web', '--config', config, '--grace-ms', String(graceMs), ...args],
    { env: { TMPDIR: dir, MARK: mark, ...env } },
  );
  return { cli, dir, mark };
}

/** The one run under PREFIX/shop/web-1/: its id and its objects' names. */
export function runOf(keys: string[], prefix: string): { runId: string; files: string[] } {
  const base = `${prefix === '' ? '' : `${prefix}/`}shop/web-1/`;
  const under = keys.filter(
    (k) => k.startsWith(base) && !k.endsWith('latest.txt') && !k.startsWith(`${base}.runs/`),
  );
  const runId = under[0]?.slice(base.length).split('/')[0] ?? '';
  return { runId, files: under.map((k) => k.slice(`${base}${runId}/`.length)) };
}

/** The run's entries in the run index (PREFIX, PREFIX/shop, PREFIX/shop/web-1), by level. */
export function indexKeysOf(keys: string[], prefix: string, runId: string): string[] {
  const head = prefix === '' ? '' : `${prefix}/`;
  const levels = [`${head}.runs/`, `${head}shop/.runs/`, `${head}shop/web-1/.runs/`];
  return levels.map((level) => keys.find((k) => k.startsWith(level) && k.endsWith(`~${runId}`)) ?? '');
}

/** Every key the `records.upload_failed` events of a batch (`what`) name, sorted. */
export function failedKeys(lines: readonly string[], what = 'final'): string[] {
  return readEvents(lines)
    .filter((e) => e['event'] === 'records.upload_failed' && e['what'] === what)
    .flatMap((e) => e['keys'] as string[])
    .sort();
}

/** The run id of `exec`'s records dir in TMPDIR, and that dir. */
export function execRecordsDir(tmpDir: string, entry = 'sidecars-web'): string {
  const base = path.join(tmpDir, 'sidecars-records', entry);
  const [runId] = readdirSync(base);
  return path.join(base, runId ?? '');
}

/** The uploader children (`sidecars upload --job -`) that carry MARK=mark, as /proc shows them now. */
export function uploaderPids(mark: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (cmdline.includes('upload\0--job\0-') && environ.split('\0').includes(`MARK=${mark}`)) {
        if (isAlive(Number(entry))) out.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Watches for uploader children until stopped: every pid seen, and when one was last seen alive. */
export function watchUploaders(
  mark: string,
  everyMs = 50,
): { seen: Set<number>; lastSeenAt(): number; stop(): void } {
  const seen = new Set<number>();
  let lastSeenAt = 0;
  const timer = setInterval(() => {
    const pids = uploaderPids(mark);
    for (const pid of pids) seen.add(pid);
    if (pids.length > 0) lastSeenAt = Date.now();
  }, everyMs);
  return { seen, lastSeenAt: () => lastSeenAt, stop: () => clearInterval(timer) };
}
