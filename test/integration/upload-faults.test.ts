// Issue 18: the last upload never outlives the platform's stop window, whatever the store does and
// whatever was queued, and every object that did not go up is named. Hostile stores are real
// servers (fixtures/procs/hostile-store.cjs, a child process on 127.0.0.1), alone or in front of
// the real radosgw.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import { STOP_WINDOW_MS } from '../../src/supervisor/records/deadline.js';
import { toIndexKeys } from '../../src/supervisor/records/run-index.js';
import { MAX_KEYS_PER_EVENT } from '../../src/supervisor/records/upload-failures.js';
import { DEFAULT_GRACE_MS } from '../../src/supervisor/wiring/supervise.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { type HostileStore, startHostileStore } from '../helpers/hostile-store.js';
import { alivePids, assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { useSharedRadosgw } from '../helpers/radosgw.js';
import { readEvents, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { runtimeConfig } from '../helpers/runtime-config-fixture.js';
import {
  awsEnv,
  execRecordsDir,
  execWith,
  failedKeys,
  listKeys,
  newBucket,
  PROCESS_CHECK,
  sidecar,
  uploaderPids,
  watchUploaders,
} from '../helpers/upload-scenario.js';
import { waitFor } from '../helpers/wait-for.js';

const server = useSharedRadosgw();
const TIMEOUT = { timeout: 90_000 };
const RUN_FILES = [
  'crasher.exit',
  'crasher.log',
  'events.jsonl',
  'finished.json',
  'idler.exit',
  'idler.log',
  'memory.json',
  'report.html',
  'started.json',
];

/** When the supervisor logged that the stop began (epoch ms). */
function stopBeganAt(cli: RunningCli): number {
  const event = readEvents(cli.lines).find((e) => e['event'] === 'supervisor.stop_requested');
  assert.ok(event !== undefined, cli.text());
  return Date.parse(String(event['time']));
}

/** The keys of a run's objects: under PREFIX/shop/web-1/, and its run index entries. */
function runKeys(recordsDir: string, prefix: string, files: readonly string[]): string[] {
  const started = JSON.parse(readFileSync(path.join(recordsDir, 'started.json'), 'utf8')) as {
    metadata: { run: { id: string } };
  };
  const base = `${prefix}/shop/web-1`;
  const runId = started.metadata.run.id;
  const index = toIndexKeys(prefix, `${base}/${runId}`, runId);
  return [...files.map((file) => `${base}/${runId}/${file}`), `${base}/latest.txt`, ...index].sort();
}

/** A run index entry: up with started.json at the start, rewritten after finished.json at the end. */
const isIndexKey = (key: string): boolean => key.includes('/.runs/');

function readNotUploaded(recordsDir: string): string[] {
  const record = JSON.parse(readFileSync(path.join(recordsDir, 'not-uploaded.json'), 'utf8')) as {
    objects: Array<{ key: string; reason: string }>;
  };
  return record.objects.map((o) => o.key).sort();
}

/** Waits for the exit; returns it, when it came, and the uploader children still alive right then. */
async function exitOf(cli: RunningCli, uploaders: ReturnType<typeof watchUploaders>) {
  const exited = await cli.exited;
  const exitedAt = Date.now();
  const alive = alivePids([...uploaders.seen]);
  uploaders.stop();
  return { exited, exitedAt, alive };
}

async function stopStore(store: HostileStore, mark: string, pids: number[]): Promise<void> {
  await store.stop();
  await assertNothingLeft(mark, [...pids, store.pid]);
}

test(
  'issue 18: an interval upload queued behind a hung start upload: exec exits, every uploader gone, 9.5 s after the stop began',
  TIMEOUT,
  async (t) => {
    const store = await startHostileStore(t, 'silent');
    const { cli, dir, mark } = await execWith(
      t,
      [sidecar('crasher', 'sleep 6; exit 3'), sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', 's3://nowhere/x', '--upload-interval', '5'],
      DEFAULT_GRACE_MS,
    );
    const uploaders = watchUploaders(mark);
    t.after(() => uploaders.stop());
    const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
    assert.deepEqual(exited, { code: 3, signal: null }, cli.text());
    const tookMs = exitedAt - stopBeganAt(cli);
    assert.ok(tookMs < STOP_WINDOW_MS, `exec exited ${tookMs} ms after the stop began`);
    t.diagnostic(`exit ${tookMs} ms after the stop began`);
    assert.deepEqual(alive, [], 'no uploader child outlives the supervisor');
    // nothing went up: every object is named, in the events and in the local records
    const expected = runKeys(execRecordsDir(dir), 'x', RUN_FILES);
    assert.deepEqual(failedKeys(cli.lines), expected);
    assert.deepEqual(readNotUploaded(execRecordsDir(dir)), expected);
    await stopStore(store, mark, [cli.pid]);
  },
);

test(
  'SIGTERM while the start upload hangs on a stalled body, interval ticks queued behind it: gone within the window',
  TIMEOUT,
  async (t) => {
    const store = await startHostileStore(t, 'stall-body');
    const ticker = 'while true; do echo tick; sleep 0.2; done';
    const { cli, mark } = await execWith(
      t,
      [sidecar('ticker', ticker), sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', 's3://nowhere/x', '--upload-interval', '1'],
      DEFAULT_GRACE_MS,
    );
    const uploaders = watchUploaders(mark);
    t.after(() => uploaders.stop());
    await waitFor('the start upload', () => uploaders.seen.size > 0, 10_000);
    await sleep(2_500); // ticks come every second and queue behind the hung start upload
    const stopAt = Date.now();
    cli.child.kill('SIGTERM');
    const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
    assert.deepEqual(exited, { code: 143, signal: null }, cli.text());
    assert.ok(exitedAt - stopAt < STOP_WINDOW_MS, `exec exited ${exitedAt - stopAt} ms after SIGTERM`);
    t.diagnostic(`exit ${exitedAt - stopAt} ms after the signal`);
    assert.deepEqual(alive, [], 'no uploader child outlives the supervisor');
    assert.ok(
      failedKeys(cli.lines).some((key) => key.endsWith('/finished.json')),
      cli.text(),
    );
    await stopStore(store, mark, [cli.pid]);
  },
);

test(
  'SIGINT with a store that answers one byte a second, ticks queued: gone within the window, every object named',
  TIMEOUT,
  async (t) => {
    const store = await startHostileStore(t, 'slow');
    const { cli, dir, mark } = await execWith(
      t,
      [sidecar('crasher', 'sleep 1000'), sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', 's3://nowhere/x', '--upload-interval', '1'],
    );
    const uploaders = watchUploaders(mark);
    t.after(() => uploaders.stop());
    await waitFor('the start upload', () => uploaders.seen.size > 0, 10_000);
    await sleep(2_500);
    const stopAt = Date.now();
    cli.child.kill('SIGINT');
    const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
    assert.deepEqual(exited, { code: 130, signal: null }, cli.text());
    assert.ok(exitedAt - stopAt < STOP_WINDOW_MS, `exec exited ${exitedAt - stopAt} ms after SIGINT`);
    t.diagnostic(`exit ${exitedAt - stopAt} ms after the signal`);
    assert.deepEqual(alive, [], 'no uploader child outlives the supervisor');
    const expected = runKeys(execRecordsDir(dir), 'x', RUN_FILES);
    assert.deepEqual(failedKeys(cli.lines), expected);
    await stopStore(store, mark, [cli.pid]);
  },
);

test(
  'a store that closes, resets, answers 503, or does not resolve: a death ends the run at once, every object named',
  TIMEOUT,
  async (t) => {
    for (const behaviour of ['close', 'reset', 'status:503', 'unresolvable']) {
      const store = behaviour === 'unresolvable' ? null : await startHostileStore(t, behaviour);
      const { cli, dir, mark } = await execWith(
        t,
        [sidecar('crasher', 'sleep 0.5; exit 4'), sidecar('idler', 'sleep 1000')],
        awsEnv(server(), { AWS_ENDPOINT_URL_S3: store?.endpoint ?? 'http://store.invalid:9000' }),
        ['--upload', 's3://nowhere/x'],
      );
      const uploaders = watchUploaders(mark);
      t.after(() => uploaders.stop());
      const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
      assert.deepEqual(exited, { code: 4, signal: null }, `${behaviour}: ${cli.text()}`);
      const tookMs = exitedAt - stopBeganAt(cli);
      assert.ok(tookMs < STOP_WINDOW_MS, `${behaviour}: exec exited ${tookMs} ms after the stop began`);
      t.diagnostic(`exit ${tookMs} ms after the stop began`);
      assert.deepEqual(alive, [], `${behaviour}: no uploader child outlives the supervisor`);
      const expected = runKeys(execRecordsDir(dir), 'x', RUN_FILES);
      assert.deepEqual(failedKeys(cli.lines), expected, behaviour);
      assert.deepEqual(readNotUploaded(execRecordsDir(dir)), expected, behaviour);
      if (store !== null) await stopStore(store, mark, [cli.pid]);
      else await assertNothingLeft(mark, [cli.pid]);
    }
  },
);

test(
  'a store that hangs only on finished.json (in front of radosgw): the rest is up, finished.json named, exit within the window',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket(server());
    const store = await startHostileStore(t, 'hang', {
      upstream: server().endpoint,
      match: '/finished\\.json$',
    });
    const { cli, dir, mark } = await execWith(
      t,
      [sidecar('crasher', 'sleep 1000'), sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', `s3://${bucket}/x`],
    );
    const uploaders = watchUploaders(mark);
    t.after(() => uploaders.stop());
    await waitFor('started.json in the store', async () => (await listKeys(s3, bucket)).length >= 2, 20_000);
    const stopAt = Date.now();
    cli.child.kill('SIGTERM');
    const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
    assert.deepEqual(exited, { code: 143, signal: null }, cli.text());
    assert.ok(exitedAt - stopAt < STOP_WINDOW_MS, `exec exited ${exitedAt - stopAt} ms after SIGTERM`);
    t.diagnostic(`exit ${exitedAt - stopAt} ms after the signal`);
    assert.deepEqual(alive, [], 'no uploader child outlives the supervisor');
    const all = runKeys(execRecordsDir(dir), 'x', RUN_FILES);
    const finished = all.filter((key) => key.endsWith('/finished.json'));
    // the index entries' update comes after finished.json: held back with it (they hold started.json)
    const notUp = all.filter((key) => key.endsWith('/finished.json') || isIndexKey(key));
    assert.deepEqual(failedKeys(cli.lines), notUp);
    assert.deepEqual(readNotUploaded(execRecordsDir(dir)), notUp);
    assert.deepEqual(
      await listKeys(s3, bucket),
      all.filter((key) => !finished.includes(key)),
    );
    await stopStore(store, mark, [cli.pid]);
  },
);

test(
  'issue 18: a store that answers 500 for every log and exit marker of 4 sidecars: each of the 9 objects not up is named',
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket(server());
    const store = await startHostileStore(t, 'status:500', {
      upstream: server().endpoint,
      match: '\\.(log|exit)$',
    });
    const names = ['crasher', 'idler-1', 'idler-2', 'idler-3'];
    const { cli, dir, mark } = await execWith(
      t,
      [
        sidecar('crasher', 'echo starting; sleep 0.5; exit 3'),
        ...names.slice(1).map((name) => sidecar(name, 'sleep 1000')),
      ],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', `s3://${bucket}/x`],
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null }, cli.text());
    const files = [
      ...names.flatMap((name) => [`${name}.exit`, `${name}.log`]),
      'events.jsonl',
      'finished.json',
      'memory.json',
      'report.html',
      'started.json',
    ];
    const all = runKeys(execRecordsDir(dir), 'x', files);
    const up = all.filter(
      (key) =>
        /\/(started\.json|latest\.txt|events\.jsonl|memory\.json|report\.html)$/.test(key) || isIndexKey(key),
    );
    // the index entries are up from the start; their update after finished.json is held back with it
    const notUp = all.filter((key) => !up.includes(key) || isIndexKey(key));
    assert.equal(notUp.length, 9 + 3);
    assert.deepEqual(failedKeys(cli.lines), notUp, 'every object not up is named');
    assert.deepEqual(readNotUploaded(execRecordsDir(dir)), notUp, 'and the local records say so');
    // and the local events.jsonl, after the run's end (the failures of the last upload come after it)
    const story = readFileSync(path.join(execRecordsDir(dir), 'events.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const finishedAt = story.findIndex((e) => e['event'] === 'supervisor.finished');
    assert.deepEqual(
      story
        .slice(finishedAt + 1)
        .filter((e) => e['event'] === 'records.upload_failed')
        .flatMap((e) => e['keys'] as string[])
        .sort(),
      [...notUp].sort(),
    );
    assert.deepEqual(
      await listKeys(s3, bucket),
      up,
      'what is named is what is not in the store, or (the index entries) not up to date',
    );
    const events = readEvents(cli.lines).filter((e) => e['event'] === 'records.upload_failed');
    for (const event of events) {
      assert.ok((event['keys'] as string[]).length <= MAX_KEYS_PER_EVENT, JSON.stringify(event));
    }
    // one event per reason: the store's 500, and finished.json held back because of it
    assert.deepEqual(
      events.map((e) => [(e['keys'] as string[]).length, String(e['reason']).replace(/:.*/, '')]),
      [
        [8, 'InternalError'],
        [1 + 3, 'not uploaded'],
      ],
    );
    // `sidecars upload DIR` by hand: through the same store, the local list says what is still missing
    const records = execRecordsDir(dir);
    const again = startSidecars(['upload', records, `s3://${bucket}/x`], {
      env: awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
    });
    assert.equal((await again.exited).code, 1, again.text());
    const latest = all.filter((key) => key.endsWith('/latest.txt'));
    assert.deepEqual(readNotUploaded(records), [...notUp, ...latest].sort());
    // straight to the store: everything goes up, and the list goes (it is never uploaded itself)
    const retry = startSidecars(['upload', records, `s3://${bucket}/x`], { env: awsEnv(server()) });
    assert.deepEqual(await retry.exited, { code: 0, signal: null }, retry.text());
    assert.deepEqual(await listKeys(s3, bucket), all);
    assert.equal(existsSync(path.join(records, 'not-uploaded.json')), false);
    await stopStore(store, mark, [cli.pid, again.pid, retry.pid]);
  },
);

test(
  'run with a nested exec, a silent store and interval ticks queued: no uploader outlives run',
  TIMEOUT,
  async (t) => {
    const store = await startHostileStore(t, 'silent');
    const { dir } = await makeScratch(t, 'upload-run');
    const config = runtimeConfig(
      [sidecar('crasher', 'sleep 3; exit 3'), sidecar('idler', 'sleep 1000')],
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
        ...['--port', String(await freePort()), '--grace-ms', '1000', '--env', `MARK=${mark}`],
        ...['--upload', 's3://nowhere/local', '--upload-interval', '1'],
      ],
      { env: { TMPDIR: dir, MARK: mark, ...awsEnv(s, { AWS_ENDPOINT_URL_S3: store.endpoint }) } },
    );
    const uploaders = watchUploaders(mark);
    t.after(() => uploaders.stop());
    const { exited, exitedAt, alive } = await exitOf(cli, uploaders);
    assert.deepEqual(exited, { code: 3, signal: null }, cli.text());
    const tookMs = exitedAt - stopBeganAt(cli);
    // run (local) gives the last upload 9.5 s from the end of the run, after a grace of 1 s
    assert.ok(tookMs < 1_000 + STOP_WINDOW_MS, `run exited ${tookMs} ms after the stop began`);
    t.diagnostic(`exit ${tookMs} ms after the stop began`);
    assert.deepEqual(alive, [], 'no uploader child outlives the supervisor');
    assert.ok(
      failedKeys(cli.lines).some((key) => key.endsWith('/finished.json')),
      cli.text(),
    );
    await stopStore(store, mark, [cli.pid]);
  },
);

test(
  'a supervisor SIGKILLed while its start upload hangs: the orphaned uploader ends too',
  TIMEOUT,
  async (t) => {
    const store = await startHostileStore(t, 'silent');
    const { cli, mark } = await execWith(
      t,
      [sidecar('idler', 'sleep 1000')],
      awsEnv(server(), { AWS_ENDPOINT_URL_S3: store.endpoint }),
      ['--upload', 's3://nowhere/x'],
    );
    const [uploader] = await waitFor('the start upload', () => {
      const pids = uploaderPids(mark);
      return pids.length > 0 ? pids : undefined;
    });
    cli.child.kill('SIGKILL');
    await cli.exited;
    // its deadline is 30 s away: only the loss of its parent ends it this soon
    await waitFor('the orphaned uploader to end', () => alivePids([uploader ?? 0]).length === 0, 3_000);
    // the sidecar is an orphan too: ours to stop
    for (const pid of pidsWithEnv('MARK', mark)) process.kill(pid, 'SIGKILL');
    await stopStore(store, mark, [cli.pid]);
  },
);
