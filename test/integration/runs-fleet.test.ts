// `sidecars runs` at fleet scale, against a real radosgw: the run index makes `--limit 20` cost the
// same requests whatever the store holds; `--open` pre-signs a run's report.html; a bucket lifecycle
// rule (the one docs/records.md gives) expires runs and their index entries, and `runs` lists the rest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { alivePids } from '../helpers/pids.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { createS3Client, type S3Server, useSharedRadosgw } from '../helpers/radosgw.js';
import { countRequests, seededRunId, seedRuns } from '../helpers/run-store.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { waitFor } from '../helpers/wait-for.js';

/** A lifecycle "day" of this many seconds in this file's radosgw, which also runs its lifecycle pass that often. */
const LC_DAY_S = 8;
const server = useSharedRadosgw({ settings: [['rgw lc debug interval', LC_DAY_S]] });
const TIMEOUT = { timeout: 120_000 };

function storeEnv(s3: S3Server): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
  };
}

async function runs(args: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  const cli = startSidecars(['runs', ...args], { env: storeEnv(server()) });
  const { code } = await cli.exited;
  assert.deepEqual(alivePids([cli.pid]), []);
  return { code, out: cli.lines, err: cli.stderr };
}

async function newBucket(name: string): Promise<S3Client> {
  const s3 = createS3Client(server());
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  return s3;
}

/** The requests of one `sidecars runs …`, and what it printed. */
async function measure(args: string[]) {
  let result: Awaited<ReturnType<typeof runs>> | undefined;
  const requests = await countRequests(server(), async () => {
    result = await runs(args);
  });
  assert.ok(result !== undefined);
  return { ...result, requests };
}

const isListing = (request: string): boolean => /^GET \/[^/]+\/\?/.test(request);

test(
  '--limit 20: the same S3 requests with 30 and with 300 runs stored, at the prefix, the app and an instance',
  TIMEOUT,
  async () => {
    const s3 = await newBucket('fleet');
    try {
      await seedRuns(s3, 'fleet', 'small', 30);
      await seedRuns(s3, 'fleet', 'large', 300);
    } finally {
      s3.destroy();
    }
    const small = await measure(['s3://fleet/small', '--limit', '20']);
    const large = await measure(['s3://fleet/large', '--limit', '20']);
    for (const { code, out, err } of [small, large]) {
      assert.equal(code, 0, err.join('\n'));
      assert.equal(out.length, 22, out.join('\n'));
      assert.equal(out[21], '(the newest 20 runs: --limit N for more)');
    }
    assert.match(
      large.out[1] ?? '',
      new RegExp(`^${seededRunId(299)}  shop  web-19 .* FAILURE +agent +agent exited`),
    );
    // every 7th run (i % 7 = 3) has no finished.json: its index entry holds started.json, so its
    // finished.json is read too; the same three among the newest 20 of either store
    assert.equal(large.out.filter((line) => / (lost|no finished\.json) /.test(line)).length, 3);
    assert.equal(
      small.requests.length,
      large.requests.length,
      `${small.requests.join('\n')}\n--\n${large.requests.join('\n')}`,
    );
    assert.equal(large.requests.length, 1 + 20 + 3);
    assert.deepEqual(
      large.requests.filter(isListing).map((r) => new URL(r.slice(4), 'http://x').searchParams.get('prefix')),
      ['large/.runs/'],
    );
    // the filters `runs` has: an app, one instance: their own index, the same cost
    const app = await measure(['s3://fleet/large/shop', '--limit', '20']);
    assert.equal(app.requests.length, 1 + 20 + 3);
    const one = await measure(['s3://fleet/large/shop/web-3', '--limit', '5', '--json']);
    const rows = JSON.parse(one.out.join('\n')) as Array<{ instance: string; run_id: string }>;
    assert.deepEqual(
      rows.map((row) => [row.instance, row.run_id]),
      [283, 263, 243, 223, 203].map((i) => ['web-3', seededRunId(i)]),
    );
    assert.ok(one.requests.length <= 1 + 2 * 5, one.requests.join('\n'));
    // without the index (--scan, or the layout before it), the cost grows with the store
    const smallScan = await measure(['s3://fleet/small', '--limit', '20', '--scan']);
    const largeScan = await measure(['s3://fleet/large', '--limit', '20', '--scan']);
    assert.deepEqual(
      [smallScan.out.slice(1, 21), smallScan.requests.filter(isListing).length],
      [small.out.slice(1, 21), 1],
    );
    assert.ok(largeScan.requests.filter(isListing).length > 1, largeScan.requests.join('\n'));
  },
);

test(
  'runs uploaded before the index: found by a scan where there is no index, or with --scan',
  TIMEOUT,
  async () => {
    const s3 = await newBucket('mixed');
    try {
      await seedRuns(s3, 'mixed', 'old', 3, { index: false });
      await seedRuns(s3, 'mixed', 'both', 3, { index: false });
      await seedRuns(s3, 'mixed', 'both', 2, { from: 10 });
    } finally {
      s3.destroy();
    }
    const old = await runs(['s3://mixed/old']);
    assert.equal(old.code, 0);
    assert.deepEqual(
      old.out.slice(1).map((line) => line.split(' ')[0]),
      [seededRunId(2), seededRunId(1), seededRunId(0), '(no'],
    );
    assert.equal(old.out[4], '(no run index at s3://mixed/old/.runs/: listed every key, 6 in 1 request(s))');
    // newer runs uploaded with the index beside them: the index lists those, --scan every one
    const both = await runs(['s3://mixed/both']);
    assert.deepEqual(
      both.out.slice(1).map((line) => line.split(' ')[0]),
      [seededRunId(11), seededRunId(10)],
    );
    const scan = await runs(['s3://mixed/both', '--scan']);
    assert.deepEqual(
      scan.out.slice(1).map((line) => line.split(' ')[0]),
      [11, 10, 2, 1, 0].map(seededRunId),
    );
  },
);

test(
  "--open RUN_ID: a pre-signed URL to the run's report.html that plain fetch reads; --expires; a missing run: exit 1",
  TIMEOUT,
  async () => {
    const s3 = await newBucket('pages');
    const page = '<!doctype html><title>run</title><p>the report</p>\n';
    const runId = seededRunId(4);
    try {
      await seedRuns(s3, 'pages', 'ci', 6);
      await s3.send(
        new PutObjectCommand({
          Bucket: 'pages',
          Key: `ci/shop/web-4/${runId}/report.html`,
          Body: page,
          ContentType: 'text/html; charset=utf-8',
        }),
      );
    } finally {
      s3.destroy();
    }
    const open = await runs(['s3://pages/ci', '--open', runId]);
    assert.equal(open.code, 0, open.err.join('\n'));
    assert.equal(open.out.length, 1);
    const url = new URL(open.out[0] ?? '');
    assert.equal(url.origin, server().endpoint);
    assert.equal(url.pathname, `/pages/ci/shop/web-4/${runId}/report.html`);
    assert.equal(url.searchParams.get('X-Amz-Expires'), '3600');
    const answer = await fetch(url);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), page);
    // from the app's folder too (its own index), and a URL that lives 1 s
    const short = await runs(['s3://pages/ci/shop', '--open', runId, '--expires', '1s']);
    assert.equal(short.code, 0, short.err.join('\n'));
    assert.equal(new URL(short.out[0] ?? '').searchParams.get('X-Amz-Expires'), '1');
    await sleep(2_500);
    assert.equal((await fetch(short.out[0] ?? '')).status, 403);
    const missing = await runs(['s3://pages/ci', '--open', seededRunId(99)]);
    assert.equal(missing.code, 1);
    assert.deepEqual(missing.err, [
      `sidecars runs: no run ${seededRunId(99)} under s3://pages/ci/`,
      'Run `sidecars runs s3://pages/ci` to see the run ids there.',
    ]);
    const noPage = await runs(['s3://pages/ci', '--open', seededRunId(5)]);
    assert.equal(noPage.code, 1);
    assert.match(
      noPage.err[0] ?? '',
      new RegExp(
        `^sidecars runs: run ${seededRunId(5)} has no report.html in the store \\(s3://pages/ci/shop/web-5/${seededRunId(5)}/\\)$`,
      ),
    );
    for (const [args, message] of [
      [
        ['--open', 'latest'],
        'sidecars runs: --open takes a run id as the RUN ID column prints it (20261126T214130-123Z-80000000), not "latest"',
      ],
      [
        ['--open', runId, '--expires', '8d'],
        'sidecars runs: --expires takes a duration from 1s to 7d (a number and s, m, h or d), not "8d"',
      ],
      [['--expires', '1h'], 'sidecars runs: --expires goes with --open RUN_ID'],
    ] as const) {
      const bad = await runs(['s3://pages/ci', ...args]);
      assert.equal(bad.code, 1);
      assert.equal(bad.err[0], message);
    }
  },
);

/** The lifecycle document docs/records.md gives, with its prefix and days. */
function docsLifecycle(prefix: string, days: number): { Rules: Array<Record<string, unknown>> } {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/records.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Retention'));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(json !== undefined, 'docs/records.md has a ```json block under ### Retention');
  const text = json.replace('"ci/"', JSON.stringify(`${prefix}/`)).replace('"Days": 30', `"Days": ${days}`);
  return JSON.parse(text) as { Rules: Array<Record<string, unknown>> };
}

test(
  'retention: the lifecycle rule docs/records.md gives expires old runs and their index entries; runs lists the rest',
  TIMEOUT,
  async () => {
    const s3 = await newBucket('retention');
    const keys = async (prefix: string): Promise<string[]> =>
      ((await s3.send(new ListObjectsV2Command({ Bucket: 'retention', Prefix: prefix }))).Contents ?? []).map(
        (o) => o.Key ?? '',
      );
    try {
      const lifecycle = docsLifecycle('ret', 1);
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'retention',
          LifecycleConfiguration: lifecycle as never,
        }),
      );
      await seedRuns(s3, 'retention', 'ret', 3);
      await seedRuns(s3, 'retention', 'kept', 1);
      // a lifecycle "day" is LC_DAY_S seconds here; the pass runs as often
      await waitFor('the expired runs to be gone', async () => (await keys('ret/')).length === 0, 90_000);
      assert.ok((await keys('kept/')).length > 0, 'a prefix without the rule keeps its runs');
      // a newer run, uploaded once the old ones and their index entries expired: listed alone, no error
      await seedRuns(s3, 'retention', 'ret', 1, { from: 10 });
    } finally {
      s3.destroy();
    }
    const after = await runs(['s3://retention/ret']);
    assert.equal(after.code, 0, after.err.join('\n'));
    assert.deepEqual(after.err, []);
    assert.deepEqual(
      after.out.slice(1).map((line) => line.split(' ')[0]),
      [seededRunId(10)],
    );
  },
);
