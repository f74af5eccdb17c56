// Run records that outlive the container: `exec --upload` against a real radosgw on every exit path,
// a store that is down or refuses, secrets masked, every broker's credential shape, interval uploads.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { HeadObjectCommand } from '@aws-sdk/client-s3';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { startHostileStore } from '../helpers/hostile-store.js';
import { alivePids, assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { useSharedRadosgw } from '../helpers/radosgw.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { runtimeConfig } from '../helpers/runtime-config-fixture.js';
import {
  awsEnv,
  execWith,
  failedKeys,
  indexKeysOf,
  listKeys,
  newBucket as newBucketIn,
  PROCESS_CHECK,
  readText,
  runOf,
  sidecar,
} from '../helpers/upload-scenario.js';
import { waitFor } from '../helpers/wait-for.js';

const server = useSharedRadosgw();
const TIMEOUT = { timeout: 60_000 };
const SECRET = 'S3CR3T-do-not-leak-4711';
const newBucket = () => newBucketIn(server());

test(
  'a sidecar that dies: every record is in the store, finished.json last, latest.txt names the run, the secret masked even split in two',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket();
    const crasher = `printf 'token=${SECRET.slice(0, 9)}'; sleep 0.3; echo '${SECRET.slice(9)} end'; sleep 0.5; exit 3`;
    const { cli, mark } = await execWith(
      t,
      [sidecar('crasher', crasher), sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { API_TOKEN: SECRET }),
      ['--upload', `s3://${bucket}/ci`],
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const keys = await listKeys(s3, bucket);
    const { runId, files } = runOf(keys, 'ci');
    assert.deepEqual(files, [
      'crasher.exit',
      'crasher.log',
      'events.jsonl',
      'finished.json',
      'idler.exit',
      'idler.log',
      'memory.json',
      'report.html',
      'started.json',
    ]);
    assert.equal((await readText(s3, bucket, 'ci/shop/web-1/latest.txt')).trim(), runId);
    // the page opens from the store: served as HTML, the secret masked there too
    const pageKey = `ci/shop/web-1/${runId}/report.html`;
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: pageKey }));
    assert.equal(head.ContentType, 'text/html; charset=utf-8');
    const page = await readText(s3, bucket, pageKey);
    assert.match(page, /^<!doctype html>/);
    assert.ok(!page.includes(SECRET) && !page.includes(SECRET.slice(0, 9)), 'no secret in the page');
    assert.match(page, new RegExp(`token=${'X'.repeat(SECRET.length)} end`));
    const log = await readText(s3, bucket, `ci/shop/web-1/${runId}/crasher.log`);
    assert.equal(log, `token=${'X'.repeat(SECRET.length)} end\n`);
    assert.equal(await readText(s3, bucket, `ci/shop/web-1/${runId}/crasher.exit`), '3\n');
    const finished = JSON.parse(await readText(s3, bucket, `ci/shop/web-1/${runId}/finished.json`)) as {
      result: string;
      metadata: { exit_code: number; cause: unknown };
    };
    assert.equal(finished.result, 'FAILURE');
    assert.deepEqual(finished.metadata.cause, { process: 'crasher' });
    // the run index: an entry at the prefix, the app and the instance, updated with finished.json
    const entries = indexKeysOf(keys, 'ci', runId);
    assert.deepEqual(
      entries.map((k) => k.split('/.runs/')[0]),
      ['ci', 'ci/shop', 'ci/shop/web-1'],
    );
    for (const key of entries) {
      assert.equal(
        await readText(s3, bucket, key),
        await readText(s3, bucket, `ci/shop/web-1/${runId}/finished.json`),
      );
    }
    const started = JSON.parse(await readText(s3, bucket, `ci/shop/web-1/${runId}/started.json`)) as {
      metadata: { run: unknown };
    };
    assert.deepEqual(started.metadata.run, {
      id: runId,
      app: 'shop',
      process_type: 'web',
      instance_index: 1,
    });
    const events = readEvents(cli.lines);
    assert.ok(events.some((e) => e['event'] === 'records.uploaded' && e['what'] === 'final'));
    // the sidecar's own output passes through as it is; the supervisor's lines hold no secret
    assert.doesNotMatch(JSON.stringify(events), new RegExp(`${SECRET.slice(9)}|${server().secretAccessKey}`));
    assert.doesNotMatch(cli.text(), new RegExp(server().secretAccessKey));
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test('SIGTERM and a memory kill: ABORTED and oom are uploaded too', TIMEOUT, async (t) => {
  const { s3, bucket } = await newBucket();
  const term = await execWith(t, [sidecar('idler', 'sleep 1000')], awsEnv(server()), [
    '--upload',
    `s3://${bucket}/term`,
  ]);
  await waitFor('the sidecar to run', () =>
    readEvents(term.cli.lines).some((e) => e['event'] === 'process.running'),
  );
  term.cli.child.kill('SIGTERM');
  assert.deepEqual(await term.cli.exited, { code: 143, signal: null });
  const hog = await execWith(
    t,
    [sidecar('hog', `node ${proc('grow-rss.cjs')}`, 48)],
    awsEnv(server(), { STEP_MB: '16' }),
    ['--upload', `s3://${bucket}/oom`],
  );
  assert.deepEqual(await hog.cli.exited, { code: 137, signal: null });
  const keys = await listKeys(s3, bucket);
  const results: string[] = [];
  for (const prefix of ['term', 'oom']) {
    const { runId } = runOf(keys, prefix);
    const finished = JSON.parse(
      await readText(s3, bucket, `${prefix}/shop/web-1/${runId}/finished.json`),
    ) as {
      result: string;
      metadata: { processes: Record<string, { reason: string }> };
    };
    results.push(`${finished.result} ${Object.values(finished.metadata.processes)[0]?.reason ?? ''}`);
  }
  assert.deepEqual(results, ['ABORTED stopped', 'FAILURE oom']);
  await assertNothingLeft(term.mark, [term.cli.pid]);
  await assertNothingLeft(hog.mark, [hog.cli.pid]);
});

test(
  'a store that is down or hangs: supervision, exit code and exit time unchanged but for a bounded wait; the failure is logged',
  TIMEOUT,
  async (t) => {
    const closed = await freePort();
    // a "store" that accepts connections and never answers
    const silent = await startHostileStore(t, 'silent');
    for (const endpoint of [`http://127.0.0.1:${closed}`, silent.endpoint]) {
      const { cli, mark } = await execWith(
        t,
        [sidecar('crasher', 'sleep 0.5; exit 4')],
        awsEnv(server(), { AWS_ENDPOINT_URL_S3: endpoint }),
        ['--upload', 's3://nowhere/x'],
      );
      const startedAt = Date.now();
      assert.deepEqual(await cli.exited, { code: 4, signal: null }, endpoint);
      assert.ok(Date.now() - startedAt < 12_000, `${endpoint}: exit took ${Date.now() - startedAt} ms`);
      assert.ok(
        failedKeys(cli.lines).some((key) => key.endsWith('/finished.json')),
        `${endpoint}: ${cli.text()}`,
      );
      assert.ok(readEvents(cli.lines).some((e) => e['event'] === 'process.exited' && e['exitCode'] === 4));
      await assertNothingLeft(mark, [cli.pid]);
    }
    await silent.stop();
    assert.deepEqual(alivePids([silent.pid]), [], 'the hostile store is stopped');
  },
);

test(
  'wrong credentials: a clear failure event naming the refusal; no credential printed',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket();
    const wrong = 'wrong-secret-0123456789abcdefghijklmnopqrs';
    const { cli, mark } = await execWith(
      t,
      [sidecar('crasher', 'exit 2')],
      awsEnv(server(), { AWS_SECRET_ACCESS_KEY: wrong }),
      ['--upload', `s3://${bucket}`],
    );
    assert.deepEqual(await cli.exited, { code: 2, signal: null });
    const reasons = readEvents(cli.lines)
      .filter((e) => e['event'] === 'records.upload_failed')
      .map((e) => String(e['reason']));
    assert.ok(
      reasons.some((r) => /refused the credentials \(SignatureDoesNotMatch, HTTP 403\)/.test(r)),
      reasons.join('\n'),
    );
    assert.doesNotMatch(cli.text(), new RegExp(`${wrong}|${server().accessKeyId}`));
    assert.deepEqual(await listKeys(s3, bucket), [], 'nothing half-uploaded');
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  'every broker credential shape in VCAP_SERVICES reaches the store (sidecars.yml records.service)',
  TIMEOUT,
  async (t) => {
    const s = server();
    const host = new URL(s.endpoint).host;
    const shapes: Record<string, (bucket: string) => Record<string, unknown>> = {
      'cloud.gov': (bucket) => ({
        access_key_id: s.accessKeyId,
        secret_access_key: s.secretAccessKey,
        bucket,
        endpoint: s.endpoint,
        region: 'us-east-1',
      }),
      'dell-ecs': (bucket) => ({
        accessKey: s.accessKeyId,
        secretKey: s.secretAccessKey,
        bucket,
        s3Url: `http://${s.accessKeyId}:${encodeURIComponent(s.secretAccessKey)}@${host}/${bucket}`,
      }),
      minio: (bucket) => ({
        username: s.accessKeyId,
        password: s.secretAccessKey,
        name: bucket,
        endpoint: s.endpoint,
      }),
      'csb-with-endpoint': (bucket) => ({
        access_key_id: s.accessKeyId,
        secret_access_key: s.secretAccessKey,
        bucket_name: bucket,
        endpoint: s.endpoint,
        region: 'us-east-1',
      }),
      'aws-service-broker': (bucket) => ({
        S3_AWS_ACCESS_KEY_ID: s.accessKeyId,
        S3_AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
        BUCKET_NAME: bucket,
        endpoint: s.endpoint,
      }),
      'gov-uk': (bucket) => ({
        aws_access_key_id: s.accessKeyId,
        aws_secret_access_key: s.secretAccessKey,
        bucket_name: bucket,
        endpoint: s.endpoint,
        aws_region: 'us-east-1',
      }),
    };
    for (const [broker, credentials] of Object.entries(shapes)) {
      const { s3, bucket } = await newBucket();
      const { dir } = await makeScratch(t, `upload-${broker}`);
      const config = writeConfig(dir, {
        ...runtimeConfig([sidecar('crasher', `echo "key=${s.secretAccessKey}"; exit 5`)], PROCESS_CHECK),
        records: { upload: null, service: 'run-records', logTailBytes: 65536, intervalMs: 0 },
      });
      const vcap = JSON.stringify({
        [broker]: [{ name: 'run-records', label: broker, tags: [], credentials: credentials(bucket) }],
      });
      const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
        env: {
          TMPDIR: dir,
          VCAP_SERVICES: vcap,
          VCAP_APPLICATION: JSON.stringify({
            application_name: 'shop',
            process_type: 'web',
            instance_index: 1,
          }),
        },
      });
      assert.deepEqual(await cli.exited, { code: 5, signal: null }, `${broker}: ${cli.text()}`);
      const keys = await listKeys(s3, bucket);
      const { runId, files } = runOf(keys, '');
      assert.ok(files.includes('finished.json'), `${broker}: ${keys.join(', ')}`);
      const log = await readText(s3, bucket, `shop/web-1/${runId}/crasher.log`);
      assert.equal(
        log,
        `key=${'X'.repeat(s.secretAccessKey.length)}\n`,
        `${broker}: the binding's secret is masked`,
      );
      const supervisorLines = JSON.stringify(readEvents(cli.lines)) + cli.stderr.join('\n');
      assert.doesNotMatch(
        supervisorLines,
        new RegExp(s.secretAccessKey),
        `${broker}: no credential in our lines`,
      );
    }
  },
);

test(
  'interval uploads keep recent logs and the page in the store while the run goes on: a SIGKILLed supervisor still left them',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket();
    const ticker = 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.1; done';
    const { cli, mark } = await execWith(t, [sidecar('ticker', ticker)], awsEnv(server()), [
      '--upload',
      `s3://${bucket}/live`,
      '--upload-interval',
      '1',
      '--log-tail',
      '4K',
    ]);
    const logKey = async (): Promise<string | undefined> =>
      (await listKeys(s3, bucket)).find((k) => k.endsWith('/ticker.log'));
    let first = '';
    await waitFor(
      'a first interval upload',
      async () => {
        const key = await logKey();
        if (key === undefined) return false;
        first = await readText(s3, bucket, key);
        return first.includes('tick 3');
      },
      10_000,
    );
    await waitFor(
      'a later interval upload with newer lines',
      async () => {
        const key = await logKey();
        return key !== undefined && (await readText(s3, bucket, key)).length > first.length;
      },
      10_000,
    );
    cli.child.kill('SIGKILL');
    await cli.exited;
    const keys = await listKeys(s3, bucket);
    assert.ok(!keys.some((k) => k.endsWith('finished.json')), 'no final upload after a SIGKILL');
    // the run's index entries went up with started.json at its start: the run is listed without a scan
    const { runId } = runOf(keys, 'live');
    const entries = indexKeysOf(keys, 'live', runId);
    assert.ok(
      entries.every((k) => k !== ''),
      `index entries of ${runId}: ${keys.join(' ')}`,
    );
    const startedText = await readText(s3, bucket, `live/shop/web-1/${runId}/started.json`);
    for (const key of entries) assert.equal(await readText(s3, bucket, key), startedText);
    const key = await logKey();
    const log = await readText(s3, bucket, key ?? '');
    assert.match(log, /^tick \d+\n/m);
    // the page went up with the logs, refreshed as the run went on: a run that never finished
    const pageKey = keys.find((k) => k.endsWith('/report.html'));
    assert.ok(pageKey !== undefined, 'the interval upload carries the page');
    const page = await readText(s3, bucket, pageKey);
    assert.match(page, /<span class="result r-RUNNING">RUNNING<\/span>/);
    assert.match(page, /<pre class="tail">[^<]*tick \d+\n/);
    // the ticker is an orphan now: ours to stop
    for (const pid of pidsWithEnv('MARK', mark)) process.kill(pid, 'SIGKILL');
    await assertNothingLeft(mark, []);
  },
);

test(
  'a log longer than its tail: the store gets the last --log-tail bytes, ending with the last line',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket();
    const { cli, mark } = await execWith(
      t,
      [sidecar('chatty', 'for i in $(seq 1 20000); do echo "line $i of a long log"; done; exit 6')],
      awsEnv(server()),
      ['--upload', `s3://${bucket}`, '--log-tail', '16K'],
    );
    assert.deepEqual(await cli.exited, { code: 6, signal: null });
    const { runId } = runOf(await listKeys(s3, bucket), '');
    const log = await readText(s3, bucket, `shop/web-1/${runId}/chatty.log`);
    assert.equal(Buffer.byteLength(log), 16 * 1024);
    assert.ok(log.endsWith('line 20000 of a long log\n'));
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  "run --upload: the run's records and its nested exec's, under <entry>/, named by the droplet",
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket();
    const { dir } = await makeScratch(t, 'upload-run');
    const config = runtimeConfig(
      [sidecar('crasher', 'sleep 0.5; exit 3'), sidecar('idler', 'sleep 1000')],
      PROCESS_CHECK,
    );
    const droplet = makeDroplet(path.join(dir, 'shop'), {
      startCommand: 'exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const mark = path.basename(dir);
    const s = server();
    const cli = startSidecars(
      [
        'run',
        droplet,
        '--port',
        String(await freePort()),
        '--grace-ms',
        '1000',
        '--env',
        `MARK=${mark}`,
        '--upload',
        `s3://${bucket}/local`,
      ],
      {
        env: {
          TMPDIR: dir,
          AWS_ACCESS_KEY_ID: s.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
          AWS_ENDPOINT_URL_S3: s.endpoint,
        },
      },
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const keys = await listKeys(s3, bucket);
    const base = 'local/shop/web-0/';
    const runId =
      keys
        .find((k) => k.startsWith(base) && !k.endsWith('latest.txt') && !k.startsWith(`${base}.runs/`))
        ?.slice(base.length)
        .split('/')[0] ?? '';
    const files = keys
      .filter((k) => k.startsWith(`${base}${runId}/`))
      .map((k) => k.slice(`${base}${runId}/`.length));
    for (const file of [
      'finished.json',
      'started.json',
      'web.log',
      'sidecars-web.log',
      'sidecars-web/crasher.log',
      'sidecars-web/crasher.exit',
      'sidecars-web/idler.exit',
    ]) {
      assert.ok(files.includes(file), `${file} in ${files.join(', ')}`);
    }
    assert.equal(await readText(s3, bucket, `${base}${runId}/sidecars-web/crasher.exit`), '3\n');
    const finished = JSON.parse(await readText(s3, bucket, `${base}${runId}/finished.json`)) as {
      metadata: { summary: string };
    };
    assert.match(finished.metadata.summary, /^crasher exited with code 3 \(sidecars-web\)/);
    assert.equal((await readText(s3, bucket, `${base}latest.txt`)).trim(), runId);
    await assertNothingLeft(mark, [cli.pid]);
  },
);
