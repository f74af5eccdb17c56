import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';

import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids } from '../helpers/pids.js';
import { createS3Client, type S3Server, useSharedRadosgw } from '../helpers/radosgw.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { waitFor } from '../helpers/wait-for.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';

// One real radosgw for this file; every test reads the runs `before` puts, and adds none to ci/.
const server = useSharedRadosgw();
const TIMEOUT = { timeout: 60_000 };
const BUCKET = 'records';

const T0 = Date.UTC(2026, 10, 26, 10, 0, 0) / 1000;
const id = (offsetS: number, suffix: string): string =>
  `${new Date((T0 + offsetS) * 1000).toISOString().replace(/[-:]/g, '').replace('.', '-')}-${suffix}`;

// shop: web-0 ran three times (the first lost, the second passed, the third failed); web-1 was stopped
// by SIGTERM and is running again without a finished.json yet. blog: one pass, one unreadable finished.json.
const LOST = id(0, '00000001');
const PASSED = id(600, '00000002');
const ABORTED = id(900, '00000003');
const FAILED = id(1200, '00000004');
const BLOG_OK = id(1500, '00000005');
const RUNNING = id(1800, '00000006');
const BROKEN = id(2100, '00000007');

function started(offsetS: number, app: string, instance: string, runId: string): string {
  const [type, index] = instance.split('-');
  return JSON.stringify({
    timestamp: T0 + offsetS,
    metadata: {
      version: '0.1.0',
      mode: 'exec',
      config: '/home/vcap/deps/0/runtime-config.json',
      run: { id: runId, app, process_type: type, instance_index: Number(index) },
      processes: [{ name: 'agent', type: 'sidecar', command: './agent', memory_limit_mb: 64 }],
    },
  });
}

function finished(endS: number, result: string, exitCode: number, cause: unknown, summary: string): string {
  return JSON.stringify({
    timestamp: T0 + endS,
    passed: result === 'SUCCESS',
    result,
    metadata: {
      exit_code: exitCode,
      cause,
      summary,
      processes: {
        agent: {
          exit_code: exitCode,
          signal: null,
          reason: 'exited',
          forced: false,
          peak_rss_mb: 21.5,
          started_at: T0 + 1,
          finished_at: T0 + endS,
        },
      },
    },
  });
}

/** key → body of every object of the fixture runs. */
const OBJECTS: Record<string, string> = {
  [`ci/shop/web-0/${LOST}/started.json`]: started(0, 'shop', 'web-0', LOST),
  [`ci/shop/web-0/${LOST}/agent.log`]: 'starting\n',
  [`ci/shop/web-0/${PASSED}/started.json`]: started(600, 'shop', 'web-0', PASSED),
  [`ci/shop/web-0/${PASSED}/agent.log`]: 'done\n',
  [`ci/shop/web-0/${PASSED}/agent.exit`]: '0\n',
  [`ci/shop/web-0/${PASSED}/finished.json`]: finished(645, 'SUCCESS', 0, null, 'agent exited with code 0'),
  [`ci/shop/web-1/${ABORTED}/started.json`]: started(900, 'shop', 'web-1', ABORTED),
  [`ci/shop/web-1/${ABORTED}/finished.json`]: finished(
    900 + 3723,
    'ABORTED',
    143,
    { signal: 'SIGTERM' },
    'stopped by SIGTERM; stopped 1 process(es)',
  ),
  [`ci/shop/web-0/${FAILED}/started.json`]: started(1200, 'shop', 'web-0', FAILED),
  [`ci/shop/web-0/${FAILED}/sidecars-web/agent.log`]: 'panic: out of cheese\n',
  [`ci/shop/web-0/${FAILED}/finished.json`]: finished(
    1262,
    'FAILURE',
    3,
    { process: 'agent', entry: 'sidecars-web' },
    'agent exited with code 3; stopped 1 other process(es)',
  ),
  'ci/shop/web-0/latest.txt': `${FAILED}\n`,
  [`ci/blog/worker-0/${BLOG_OK}/started.json`]: started(1500, 'blog', 'worker-0', BLOG_OK),
  [`ci/blog/worker-0/${BLOG_OK}/finished.json`]: finished(1505, 'SUCCESS', 0, null, 'done'),
  [`ci/shop/web-1/${RUNNING}/started.json`]: started(1800, 'shop', 'web-1', RUNNING),
  [`ci/shop/web-1/${RUNNING}/agent.log`]: 'serving\n',
  'ci/shop/web-1/latest.txt': `${RUNNING}\n`,
  [`ci/blog/worker-0/${BROKEN}/started.json`]: started(2100, 'blog', 'worker-0', BROKEN),
  [`ci/blog/worker-0/${BROKEN}/finished.json`]: '{"timestamp": 1795',
  'misc/notes.txt': 'not a run\n',
  'misc/shop/web-0/agent.log': 'not a run either\n',
};

function storeEnv(s3: S3Server, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    ...overrides,
  };
}

async function runs(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string[]; err: string[]; ms: number }> {
  const startedMs = Date.now();
  const cli = startSidecars(['runs', ...args], { env });
  const { code } = await cli.exited;
  assert.deepEqual(alivePids([cli.pid]), []);
  return { code, out: cli.lines, err: cli.stderr, ms: Date.now() - startedMs };
}

let seeded = false;
async function seed(): Promise<void> {
  if (seeded) return;
  const s3 = createS3Client(server());
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const [Key, Body] of Object.entries(OBJECTS)) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    }
  } finally {
    s3.destroy();
  }
  seeded = true;
}

// The fixture runs were written the way the code before the run index uploaded them (no `.runs/`):
// each listing says that it listed every key, and what that cost.
const scanned = (url: string, keys: number): string =>
  `(no run index at ${url}/.runs/: listed every key, ${keys} in 1 request(s))`;

test('every app under a prefix: newest first, with an APP column', TIMEOUT, async () => {
  await seed();
  const { code, out, err } = await runs([`s3://${BUCKET}/ci`], storeEnv(server()));
  assert.deepEqual(err, []);
  assert.equal(code, 0);
  assert.equal(out.pop(), scanned(`s3://${BUCKET}/ci`, 19));
  assert.deepEqual(out, [
    'RUN ID                         APP   INSTANCE  STARTED (UTC)        DURATION  RESULT            CAUSE                 SUMMARY',
    `${BROKEN}  blog  worker-0  2026-11-26 10:35:00  -         unreadable        -                     [finished.json is not JSON]`,
    `${RUNNING}  shop  web-1     2026-11-26 10:30:00  -         no finished.json  -                     -`,
    `${BLOG_OK}  blog  worker-0  2026-11-26 10:25:00  5s        SUCCESS           -                     done`,
    `${FAILED}  shop  web-0     2026-11-26 10:20:00  1m02s     FAILURE           agent (sidecars-web)  agent exited with code 3; stopped 1 other process(es)`,
    `${ABORTED}  shop  web-1     2026-11-26 10:15:00  1h02m     ABORTED           SIGTERM               stopped by SIGTERM; stopped 1 process(es)`,
    `${PASSED}  shop  web-0     2026-11-26 10:10:00  45s       SUCCESS           -                     agent exited with code 0`,
    `${LOST}  shop  web-0     2026-11-26 10:00:00  -         lost              -                     -`,
  ]);
});

test(
  'one app (or one instance): the URL names it, no APP column; --limit keeps the newest N',
  TIMEOUT,
  async () => {
    await seed();
    const all = await runs([`s3://${BUCKET}/ci/shop`], storeEnv(server()));
    assert.equal(all.code, 0);
    assert.equal(
      all.out[0]?.split(/\s{2,}/).join('|'),
      'RUN ID|INSTANCE|STARTED (UTC)|DURATION|RESULT|CAUSE|SUMMARY',
    );
    assert.deepEqual(
      all.out.slice(1, -1).map((line) => line.split(/\s+/).slice(0, 2)),
      [
        [RUNNING, 'web-1'],
        [FAILED, 'web-0'],
        [ABORTED, 'web-1'],
        [PASSED, 'web-0'],
        [LOST, 'web-0'],
      ],
    );
    const web0 = await runs([`s3://${BUCKET}/ci/shop/web-0`], storeEnv(server()));
    assert.deepEqual(
      web0.out.slice(1, -1).map((line) =>
        line
          .split(/\s+/)
          .slice(0, 2)
          .concat(line.includes(' lost ') ? ['lost'] : []),
      ),
      [
        [FAILED, 'web-0'],
        [PASSED, 'web-0'],
        [LOST, 'web-0', 'lost'],
      ],
    );
    const two = await runs([`s3://${BUCKET}/ci/shop`, '--limit', '2'], storeEnv(server()));
    assert.equal(two.code, 0);
    assert.deepEqual(
      two.out.slice(1, -1).map((line) => line.split(/\s+/)[0]),
      [RUNNING, FAILED, '(the'],
    );
    assert.equal(two.out[3], '(the newest 2 of 5 runs: --limit N for more)');
    assert.equal(two.out[4], scanned(`s3://${BUCKET}/ci/shop`, 15));
  },
);

test('--json: the same rows, whole values, stable keys', TIMEOUT, async () => {
  await seed();
  const { code, out } = await runs([`s3://${BUCKET}/ci/shop`, '--json', '--limit', '3'], storeEnv(server()));
  assert.equal(code, 0);
  const rows = JSON.parse(out.join('\n')) as Array<Record<string, unknown>>;
  assert.deepEqual(
    rows.map((row) => Object.keys(row)),
    rows.map(() => [
      'app',
      'instance',
      'run_id',
      'url',
      'started_at',
      'finished_at',
      'duration_s',
      'result',
      'exit_code',
      'cause',
      'summary',
      'problems',
    ]),
  );
  assert.deepEqual(rows[0], {
    app: 'shop',
    instance: 'web-1',
    run_id: RUNNING,
    url: `s3://${BUCKET}/ci/shop/web-1/${RUNNING}/`,
    started_at: '2026-11-26T10:30:00Z',
    finished_at: null,
    duration_s: null,
    result: 'no finished.json',
    exit_code: null,
    cause: null,
    summary: null,
    problems: [],
  });
  assert.deepEqual(rows[1], {
    app: 'shop',
    instance: 'web-0',
    run_id: FAILED,
    url: `s3://${BUCKET}/ci/shop/web-0/${FAILED}/`,
    started_at: '2026-11-26T10:20:00Z',
    finished_at: '2026-11-26T10:21:02Z',
    duration_s: 62,
    result: 'FAILURE',
    exit_code: 3,
    cause: { process: 'agent', entry: 'sidecars-web' },
    summary: 'agent exited with code 3; stopped 1 other process(es)',
    problems: [],
  });
  assert.equal(rows[2]?.['result'], 'ABORTED');
  assert.deepEqual(rows[2]?.['cause'], { signal: 'SIGTERM' });
});

test('reads started.json and finished.json of the shown runs only, never a log', TIMEOUT, async () => {
  await seed();
  const log = path.join(server().dir, 'client.rgw.log');
  const before = readFileSync(log, 'utf8').length;
  const { code } = await runs([`s3://${BUCKET}/ci/shop`, '--limit', '2'], storeEnv(server()));
  assert.equal(code, 0);
  // radosgw logs each request ("GET /bucket/key?… HTTP/1.1") once it has answered: wait for the five
  const read = (): string[] =>
    [
      ...readFileSync(log, 'utf8')
        .slice(before)
        .matchAll(/"GET (\/[^\s]*)/g),
    ].map((m) => m[1] ?? '');
  await waitFor('the requests in the radosgw log', () => read().length >= 5, 5_000);
  const paths = read();
  const lists = paths.filter((p) => p.startsWith(`/${BUCKET}/?`));
  // the run index first (none there: these runs predate it), then every key, once
  assert.deepEqual(
    lists.map((p) => new URL(p, 'http://x').searchParams.get('prefix')),
    ['ci/shop/.runs/', 'ci/shop/'],
  );
  const objects = paths.filter((p) => !p.startsWith(`/${BUCKET}/?`)).map((p) => p.split('?')[0]);
  assert.deepEqual(objects.sort(), [
    `/${BUCKET}/ci/shop/web-0/${FAILED}/finished.json`,
    `/${BUCKET}/ci/shop/web-0/${FAILED}/started.json`,
    `/${BUCKET}/ci/shop/web-1/${RUNNING}/started.json`,
  ]);
});

test(
  'with --service: the credentials (and, with no URL, the bucket) of a bound service',
  TIMEOUT,
  async () => {
    await seed();
    const s3 = server();
    const binding = {
      name: 'run-records',
      label: 's3',
      tags: [],
      credentials: {
        access_key_id: s3.accessKeyId,
        secret_access_key: s3.secretAccessKey,
        endpoint: s3.endpoint,
        bucket: BUCKET,
      },
    };
    const env = { VCAP_SERVICES: JSON.stringify({ s3: [binding] }) };
    const withUrl = await runs([`s3://${BUCKET}/ci/blog`, '--service', 'run-records'], env);
    assert.equal(withUrl.code, 0);
    assert.deepEqual(
      withUrl.out.slice(1, -1).map((line) => line.split(/\s+/)[0]),
      [BROKEN, BLOG_OK],
    );
    const noUrl = await runs(['--service', 'run-records', '--limit', '1'], env);
    assert.equal(noUrl.code, 0);
    assert.match(noUrl.out[1] ?? '', new RegExp(`^${BROKEN}  ci/blog  worker-0  `));
  },
);

test('no runs: one line, exit 0', TIMEOUT, async () => {
  await seed();
  const empty = await runs([`s3://${BUCKET}/nothing/here`], storeEnv(server()));
  assert.equal(empty.code, 0);
  assert.deepEqual(empty.err, []);
  assert.deepEqual(empty.out, [`no runs under s3://${BUCKET}/nothing/here/ (no objects there)`]);
  const notRuns = await runs([`s3://${BUCKET}/misc`], storeEnv(server()));
  assert.equal(notRuns.code, 0);
  assert.deepEqual(notRuns.out, [
    `no runs under s3://${BUCKET}/misc/ (2 objects, none a run's started.json or finished.json)`,
  ]);
  const json = await runs([`s3://${BUCKET}/nothing`, '--json'], storeEnv(server()));
  assert.equal(json.code, 0);
  assert.deepEqual(JSON.parse(json.out.join('\n')), []);
  assert.deepEqual(json.err, [`no runs under s3://${BUCKET}/nothing/ (no objects there)`]);
});

test('a wrong secret: exit 1, what failed and what to check, never the secret', TIMEOUT, async () => {
  await seed();
  const secret = 'Wr0ngSecretWr0ngSecretWr0ngSecretWr0ngSe';
  const { code, out, err } = await runs(
    [`s3://${BUCKET}/ci`],
    storeEnv(server(), { AWS_SECRET_ACCESS_KEY: secret }),
  );
  assert.equal(code, 1);
  assert.deepEqual(out, []);
  assert.deepEqual(err, [
    `sidecars runs: cannot read s3://${BUCKET}/ci: the store refused the credentials (SignatureDoesNotMatch, HTTP 403)`,
    'Check the credentials (from the AWS_* variables) and their access to the bucket.',
  ]);
  assert.ok(!err.join('\n').includes(secret));
  assert.ok(!err.join('\n').includes(server().accessKeyId));
});

test('no such bucket: exit 1, named', TIMEOUT, async () => {
  const { code, err } = await runs(['s3://no-such-bucket/ci'], storeEnv(server()));
  assert.equal(code, 1);
  assert.deepEqual(err, [
    'sidecars runs: cannot read s3://no-such-bucket/ci: the bucket does not exist (NoSuchBucket)',
    'Check BUCKET in the URL (s3://BUCKET/PREFIX).',
  ]);
});

test('a store that does not answer: exit 1 within a bounded time, naming the endpoint', TIMEOUT, async () => {
  const port = await freePort();
  const { code, err, ms } = await runs(
    [`s3://${BUCKET}/ci`],
    storeEnv(server(), { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` }),
  );
  assert.equal(code, 1);
  assert.match(err[0] ?? '', new RegExp(`^sidecars runs: cannot read s3://${BUCKET}/ci: ECONNREFUSED`));
  assert.equal(
    err[1],
    `Check that the store answers at http://127.0.0.1:${port} (AWS_ENDPOINT_URL_S3, or the binding's endpoint).`,
  );
  assert.ok(ms < 15_000, `took ${ms} ms`);
});

test('a store that accepts and never answers: exit 1 at the deadline', TIMEOUT, async (t) => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const { port } = silent.address() as AddressInfo;
  const { code, err, ms } = await runs(
    [`s3://${BUCKET}/ci`, '--deadline-s', '2'],
    storeEnv(server(), { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` }),
  );
  assert.equal(code, 1);
  assert.equal(err[0], `sidecars runs: cannot read s3://${BUCKET}/ci: no answer within 2 s (--deadline-s)`);
  assert.ok(sockets.length > 0, 'it connected');
  assert.ok(ms >= 2_000 && ms < 6_000, `took ${ms} ms`);
});

test('usage errors: exit 1 before any request', TIMEOUT, async () => {
  const bad = await runs(['s3://records/ci', '--limit', '0'], {});
  assert.equal(bad.code, 1);
  assert.deepEqual(bad.err, ['sidecars runs: --limit takes a whole number above 0, not "0"']);
  const none = await runs([], {});
  assert.equal(none.code, 1);
  assert.equal(none.err[0], 'sidecars runs: runs takes one s3://BUCKET[/PREFIX[/APP]]');
});

test('end to end: a run of exec, `sidecars upload`, then `sidecars runs`', TIMEOUT, async (t) => {
  await seed();
  const { dir } = await makeScratch(t, 'runs-e2e');
  const config = writeConfig(
    dir,
    runtimeConfig([{ name: 'quitter', command: 'echo bye; exit 3', memoryMb: 64, sidecarFor: ['web'] }], {
      web: healthCheck({ type: 'process' }),
    }),
  );
  const artifacts = path.join(dir, 'artifacts');
  const exec = startSidecars(['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
    env: {},
  });
  assert.equal((await exec.exited).code, 3);
  const upload = startSidecars(['upload', artifacts, `s3://${BUCKET}/e2e`, '--run-name', 'shop'], {
    env: storeEnv(server()),
  });
  assert.equal((await upload.exited).code, 0, upload.text());
  const { code, out } = await runs([`s3://${BUCKET}/e2e`], storeEnv(server()));
  assert.equal(code, 0);
  assert.equal(out.length, 2);
  assert.match(
    out[1] ?? '',
    /^\d{8}T\d{6}-000Z-[0-9a-f]{8} {2}shop {2}web-0 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}\d+s +FAILURE +quitter +quitter exited with code 3/,
  );
});
