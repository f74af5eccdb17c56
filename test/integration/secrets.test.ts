// Issue 18.1: no secret a process was given (a secret-named variable, a binding credential, a URL's
// password) in what goes to the store nor in what the supervisor writes (its log lines, events,
// records, summary, state API, `sidecars status`), whether `run` or `exec` gave it, and whichever
// command uploads (`run --upload`, `sidecars upload DIR`). The processes' own output on the
// terminal passes through unaltered: that is the platform's log stream.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { httpGet, openGet, readBody, waitForApi } from '../helpers/http-client.js';
import { assertNothingLeft } from '../helpers/pids.js';
import { createS3Client, type S3Server, useSharedRadosgw } from '../helpers/radosgw.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { startStatus } from '../helpers/run-status.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const server = useSharedRadosgw();
const TIMEOUT = { timeout: 90_000 };

/** --env SECRET_TOKEN=…, printed in two writes, base64 too, and quoted by a failing health check */
const TOKEN = 'Tok3n-0f-the-run-5f1c';
/** --env MY_API_KEY, its value from the caller's environment */
const API_KEY = 'Ap1-k3y-from-the-shell-77';
/** --env-from FILE */
const DB_PASSWORD = 'db-Passw0rd-from-file-31';
/** the password of a credential's uri, in VCAP_SERVICES from --env-from */
const URI_PASSWORD = 'uri-Pa55-in-a-binding-8e';
/** a credential nested deep in VCAP_SERVICES */
const NESTED = 'nested-Cred-deep-in-vcap-4b';
/** the password of DATABASE_URL: a URL's password, whatever the variable's name */
const URL_PASSWORD = 'url-Pa55-of-database-url-2d';
/** exported by the droplet's own profile.d script, which the supervisor never sees */
const DROPLET_TOKEN = 'dr0plet-t0ken-of-profile-d-9a';
/** exported by the app's .profile.d script */
const APP_SECRET = 'app-s3cret-of-app-profile-d-6c';
const SECRETS = [TOKEN, API_KEY, DB_PASSWORD, URI_PASSWORD, NESTED, URL_PASSWORD, DROPLET_TOKEN, APP_SECRET];
const FORMS = [...SECRETS, Buffer.from(TOKEN).toString('base64')];

const VCAP_SERVICES = JSON.stringify({
  'aws-rds': [
    {
      name: 'db',
      label: 'aws-rds',
      tags: ['postgres'],
      credentials: {
        uri: `postgres://shop:${URI_PASSWORD}@db.internal:5432/shop`,
        extra: { deeper: [{ token_like: NESTED }] },
      },
    },
  ],
});

/** The secrets (or forms of them) that `text` holds. */
function leaksIn(text: string): string[] {
  return FORMS.filter((form) => text.includes(form));
}

function awsEnv(s: S3Server): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
    AWS_ENDPOINT_URL_S3: s.endpoint,
  };
}

async function newBucket(name: string): Promise<{ s3: S3Client; bucket: string }> {
  const s3 = createS3Client(server());
  const bucket = `${name}-${process.pid}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { s3, bucket };
}

/** Every object of the bucket: key → text. */
async function readBucket(s3: S3Client, bucket: string): Promise<Map<string, string>> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const objects = new Map<string, string>();
  for (const { Key } of page.Contents ?? []) {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
    objects.set(Key ?? '', (await answer.Body?.transformToString()) ?? '');
  }
  return objects;
}

/** Every file under `dir`, hidden ones included: relative path → text. */
function readTree(dir: string, base = dir): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) for (const [k, v] of readTree(file, base)) files.set(k, v);
    else files.set(path.relative(base, file), readFileSync(file, 'utf8'));
  }
  return files;
}

function assertClean(what: string, files: Map<string, string>): void {
  const leaks = [...files].flatMap(([name, text]) => leaksIn(text).map((form) => `${name}: ${form}`));
  assert.deepEqual(leaks, [], `${what}: no secret`);
}

test(
  "run --upload: what --env, --env KEY, --env-from and the droplet's profile.d scripts gave the processes is masked in every object of the store, in the local records and in every line the supervisors write; also when printed in two writes, and quoted by a failing health check; sidecars upload of the records dir uploads none either",
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket('secrets-run');
    const { dir } = await makeScratch(t, 'secrets-run');
    const mark = path.basename(dir);
    const talked = path.join(dir, 'talked');
    const talker = [
      `printf 'token=%s' "\${SECRET_TOKEN:0:9}"; sleep 0.3; printf '%s end\\n' "\${SECRET_TOKEN:9}"`,
      `printf %s "$SECRET_TOKEN" | base64`,
      'echo "key=$MY_API_KEY db=$DB_PASSWORD url=$DATABASE_URL"',
      'echo "droplet=$DROPLET_TOKEN app=$APP_CLIENT_SECRET"',
      `echo "$VCAP_SERVICES" | sed -E 's/.*shop:([^@]*)@.*/uri password=\\1/'`,
      `echo "$VCAP_SERVICES" | sed -E 's/.*"token_like":"([^"]*)".*/nested=\\1/'`,
      `touch ${JSON.stringify(talked)}`,
      'exec sleep 1000',
    ].join('; ');
    // fails with the token in its output once the talker has talked: the run ends `unhealthy`
    const check = `if [ -e ${JSON.stringify(talked)} ]; then echo "token is $SECRET_TOKEN"; exit 1; fi; exit 2`;
    const config = runtimeConfig(
      [
        { name: 'talker', command: talker, memoryMb: 32, sidecarFor: ['web'] },
        {
          name: 'checker',
          command: 'exec sleep 1000',
          memoryMb: 32,
          sidecarFor: ['web'],
          healthCheck: healthCheck({ type: 'exec', command: check, timeoutMs: 4_000 }),
        },
      ],
      { web: healthCheck({ type: 'process' }) },
    );
    const droplet = makeDroplet(path.join(dir, 'shop'), {
      startCommand:
        'echo "app has $DB_PASSWORD"; echo "and $DROPLET_TOKEN $APP_CLIENT_SECRET"; exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
      profileD: { 'secrets.sh': `export DROPLET_TOKEN='${DROPLET_TOKEN}'\n` },
      appProfileD: { 'client.sh': `export APP_CLIENT_SECRET='${APP_SECRET}'\n` },
    });
    const envFile = path.join(dir, 'ci.env');
    writeFileSync(
      envFile,
      [
        `DB_PASSWORD=${DB_PASSWORD}`,
        `DATABASE_URL=postgres://app:${URL_PASSWORD}@db:5432/app`,
        `VCAP_SERVICES='${VCAP_SERVICES}'`,
      ].join('\n'),
    );
    const artifacts = path.join(dir, 'artifacts');
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
        '--env',
        `SECRET_TOKEN=${TOKEN}`,
        '--env',
        'MY_API_KEY',
        '--env-from',
        envFile,
        '--artifacts',
        artifacts,
        '--upload',
        `s3://${bucket}/ci`,
      ],
      { env: { TMPDIR: dir, MY_API_KEY: API_KEY, ...awsEnv(server()) } },
    );
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    const stored = await readBucket(s3, bucket);
    const runKey = [...stored.keys()].find(
      (key) => key.endsWith('/finished.json') && !key.includes('sidecars-web/'),
    );
    const runDir = path.posix.dirname(runKey ?? '');
    const talkerLog = stored.get(`${runDir}/sidecars-web/talker.log`) ?? '';
    // the processes did say them: masked where they said them
    assert.ok(talkerLog.startsWith(`token=${'X'.repeat(TOKEN.length)} end\n`), talkerLog);
    assert.match(talkerLog, new RegExp(`uri password=X{${URI_PASSWORD.length}}\n`));
    assert.equal(
      stored.get(`${runDir}/web.log`),
      `app has ${'X'.repeat(DB_PASSWORD.length)}\nand ${'X'.repeat(DROPLET_TOKEN.length)} ${'X'.repeat(APP_SECRET.length)}\n`,
    );
    const finished = JSON.parse(stored.get(`${runDir}/finished.json`) ?? '{}') as {
      metadata?: { summary?: string };
    };
    assert.match(finished.metadata?.summary ?? '', new RegExp(`token is X{${TOKEN.length}}`));
    assertClean('the store', stored);
    assertClean('the local records', readTree(artifacts));
    // the terminal gets the processes' own lines as they are; no line of a supervisor holds one
    const supervisorLines = [...cli.lines, ...cli.stderr].filter(
      (line) => !/^\[APP\/PROC\/WEB\/[^\]]*\] (OUT|ERR) (?!\{"|sidecars )/.test(line),
    );
    assertClean("the supervisors' lines", new Map(supervisorLines.map((line, i) => [`line ${i}`, line])));
    assert.ok(
      cli.lines.some((line) => line.includes(`key=${API_KEY}`)),
      'the output itself is not altered',
    );
    assert.ok(readEvents(cli.lines).some((e) => e['event'] === 'health.failed'));

    // `sidecars upload` of the records dir, with none of the secrets in its environment
    const again = await newBucket('secrets-upload');
    const upload = startSidecars(['upload', artifacts, `s3://${again.bucket}/again`], {
      env: awsEnv(server()),
    });
    assert.deepEqual(await upload.exited, { code: 0, signal: null }, upload.text());
    const uploaded = await readBucket(again.s3, again.bucket);
    assert.ok(uploaded.size >= 10, [...uploaded.keys()].join(', '));
    assertClean('what sidecars upload put', uploaded);
    await assertNothingLeft(mark, [cli.pid], 'MARK');
  },
);

test(
  'exec: a secret quoted by a failing liveness check is masked in the log lines, /state, /events, sidecars status and finished.json',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'secrets-exec');
    const mark = path.basename(dir);
    const failing = path.join(dir, 'failing');
    // passes, then fails with the secrets in its output (never often enough to end the run)
    const check = `if [ -e ${JSON.stringify(failing)} ]; then echo "token is $SECRET_TOKEN, url $DATABASE_URL, key $MY_API_KEY"; exit 1; fi`;
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          {
            name: 'flaky',
            command: 'exec sleep 1000',
            memoryMb: 32,
            sidecarFor: ['web'],
            healthCheck: healthCheck({
              type: 'exec',
              command: check,
              intervalMs: 100,
              failureThreshold: 1000,
            }),
          },
        ],
        { web: healthCheck({ type: 'process' }) },
      ),
    );
    const artifacts = path.join(dir, 'artifacts');
    const cli = startSidecars(
      ['exec', '--for', 'web', '--config', config, '--status', '127.0.0.1:0', '--artifacts', artifacts],
      {
        env: {
          MARK: mark,
          SECRET_TOKEN: TOKEN,
          MY_API_KEY: API_KEY,
          DATABASE_URL: `postgres://app:${URL_PASSWORD}@db:5432/app`,
          VCAP_SERVICES,
        },
      },
    );
    const address = await waitForApi(cli);
    await waitFor('the sidecar to be healthy', () =>
      readEvents(cli.lines).some((e) => e['event'] === 'health.passed'),
    );
    writeFileSync(failing, '');
    await waitFor(
      'two failed liveness checks',
      () => readEvents(cli.lines).filter((e) => e['event'] === 'health.failed').length >= 2,
    );
    const events = await openGet(address, '/events');
    const answers = new Map([
      ['/state', (await httpGet(address, '/state')).text],
      ['/healthz', (await httpGet(address, '/healthz')).text],
    ]);
    for (const args of [[], ['--json']]) {
      const status = startStatus(['--status', address, ...args], {});
      assert.equal(await status.exited, 0, status.stderr.join('\n'));
      answers.set(`sidecars status ${args.join(' ')}`, [...status.stdout, ...status.stderr].join('\n'));
    }
    cli.child.kill('SIGTERM');
    answers.set('/events', await readBody(events));
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.match(
      answers.get('/events') ?? '',
      new RegExp(`token is X{${TOKEN.length}}, url postgres://app:X{${URL_PASSWORD.length}}@db`),
    );
    assertClean('the state API and sidecars status', answers);
    assertClean('the log lines', new Map([['stdout and stderr', cli.text()]]));
    assertClean('the local records', readTree(artifacts));
    await assertNothingLeft(mark, [cli.pid], 'MARK');
  },
);
