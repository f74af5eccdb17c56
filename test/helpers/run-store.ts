// Stores full of runs, for `sidecars runs` at fleet scale: runs seeded the way uploads lay them out
// (records and run index entries, from the product's own key functions), small bodies, parallel PUTs
// (bounded); and the S3 requests a command made, counted from radosgw's own request log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { toIndexKeys } from '../../src/supervisor/records/run-index.js';
import { toRunKey } from '../../src/supervisor/records/run-key.js';
import type { S3Server } from './radosgw.js';

/** Runs start a minute apart from here. */
export const SEED_T0_S = Date.UTC(2026, 10, 26) / 1000;
/** A crash-looping app: its instances (run i on web-<i mod 20>); runs with i mod 7 = 3 have no finished.json. */
export const SEED_INSTANCES = 20;

export function seededRunId(i: number): string {
  const stamp = new Date((SEED_T0_S + i * 60) * 1000).toISOString().replace(/[-:]/g, '').replace('.', '-');
  return `${stamp}-${i.toString(16).padStart(8, '0')}`;
}

export interface SeedOptions {
  /** also write started.json and finished.json under the run's folder (default true) */
  records?: boolean;
  /** write run index entries (default true); false: the layout of uploads before the index */
  index?: boolean;
  /** index entries at the prefix only (default: at the prefix, the app and the instance, as uploads do) */
  topIndexOnly?: boolean;
  /** the first run's number (default 0): runs `from` … `from + count - 1` */
  from?: number;
  /** PUTs under way at once (default 32) */
  concurrency?: number;
  /** how to put one object (default: a PutObjectCommand with `s3`) */
  put?: (key: string, body: string) => Promise<void>;
}

/** `count` runs of app `shop` under `prefix`, the newest last; returns the objects put. */
export async function seedRuns(
  s3: S3Client,
  bucket: string,
  prefix: string,
  count: number,
  opts: SeedOptions = {},
): Promise<number> {
  const puts: Array<[string, string]> = [];
  const from = opts.from ?? 0;
  for (let i = from; i < from + count; i++) {
    const runId = seededRunId(i);
    const instance = i % SEED_INSTANCES;
    const origin = { app: 'shop', processType: 'web', instanceIndex: instance };
    const runKey = toRunKey({ bucket, prefix }, origin, runId);
    const startS = SEED_T0_S + i * 60;
    const started = JSON.stringify({ timestamp: startS, metadata: { run: { id: runId, app: 'shop' } } });
    const crashed = i % 7 === 3;
    const finished = crashed
      ? null
      : JSON.stringify({
          timestamp: startS + 42,
          passed: false,
          result: 'FAILURE',
          metadata: { exit_code: 3, cause: { process: 'agent' }, summary: `agent exited with code 3 (${i})` },
        });
    if (opts.records !== false) {
      puts.push([`${runKey}/started.json`, started]);
      if (finished !== null) puts.push([`${runKey}/finished.json`, finished]);
    }
    if (opts.index !== false) {
      const keys = toIndexKeys(prefix, runKey, runId);
      for (const key of opts.topIndexOnly === true ? keys.slice(0, 1) : keys)
        puts.push([key, finished ?? started]);
    }
  }
  const put =
    opts.put ??
    (async (Key: string, Body: string): Promise<void> => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType: 'application/json' }));
    });
  let next = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency ?? 32 }, async () => {
      for (let i = next++; i < puts.length; i = next++) {
        const [key, body] = puts[i] ?? ['', ''];
        await put(key, body);
      }
    }),
  );
  return puts.length;
}

/** radosgw's log: one line per request answered, `"GET /bucket/key?query HTTP/1.1" 200 …`. */
function readLog(server: S3Server): string {
  return readFileSync(path.join(server.dir, 'client.rgw.log'), 'utf8');
}

/** The requests radosgw answered while `work` ran (and until its log was quiet for 300 ms): `GET /b/k?q`. */
export async function countRequests(server: S3Server, work: () => Promise<void>): Promise<string[]> {
  const from = readLog(server).length;
  await work();
  const read = (): string[] =>
    [
      ...readLog(server)
        .slice(from)
        .matchAll(/"(GET|HEAD|PUT|POST|DELETE) (\S+) HTTP\/[\d.]+"/g),
    ].map((m) => `${m[1]} ${m[2]}`);
  let seen = -1;
  for (let quiet = 0; quiet < 3;) {
    await sleep(100);
    const now = read().length;
    quiet = now === seen ? quiet + 1 : 0;
    seen = now;
  }
  return read();
}
