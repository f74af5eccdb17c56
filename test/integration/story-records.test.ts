// Issue 20.1: records that hold the story, not only the end: events.jsonl (every event the
// supervisor logs, in order, censored) and memory.json (each process's memory series against its
// limit), written in every records dir (exec's, run's, each nested exec's) and uploaded, the
// interval upload included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import type { HealthCheck } from '../../src/config/runtime-config.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { useSharedRadosgw } from '../helpers/radosgw.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { awsEnv, listKeys, newBucket, PROCESS_CHECK, readText } from '../helpers/upload-scenario.js';
import { waitFor } from '../helpers/wait-for.js';

const server = useSharedRadosgw();
const TIMEOUT = { timeout: 90_000 };
const MB = 1024 * 1024;
/** the secret shapes of secrets.test.ts: a secret-named variable, and a URL's password */
const TOKEN = 'Tok3n-0f-the-run-5f1c';
const URL_PASSWORD = 'url-Pa55-of-database-url-2d';
const FORMS = [TOKEN, URL_PASSWORD, Buffer.from(TOKEN).toString('base64')];

type Line = Record<string, unknown> & { time: number; event: string; name?: string };
interface Memory {
  version: number;
  poll_ms: number;
  processes: Record<string, { limit_bytes: number | null; bucket_ms: number; points: number[][] }>;
}

function readLines(file: string): Line[] {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.endsWith('\n'), `${file} ends with a newline`);
  return text
    .trimEnd()
    .split('\n')
    .map((line, i) => {
      try {
        return JSON.parse(line) as Line;
      } catch {
        assert.fail(`${file}:${i + 1} is not JSON: ${line}`);
      }
    });
}

function assertNoSecret(what: string, text: string): void {
  assert.deepEqual(
    FORMS.filter((form) => text.includes(form)),
    [],
    `${what}: no secret`,
  );
}

/** The index of the first line matching, after `from`; fails if there is none. */
function indexOf(lines: Line[], what: string, match: (line: Line) => boolean, from = -1): number {
  const i = lines.findIndex((line, j) => j > from && match(line));
  assert.ok(
    i > from,
    `${what} after line ${from + 1}:\n${lines.map((l) => `${l.event} ${l.name ?? ''}`).join('\n')}`,
  );
  return i;
}

test(
  'exec: events.jsonl holds the starts, the restarts with back-off, the memory kill with its figures, the stop and the end, in order; memory.json each process against its limit, the hog at its kill; no secret in either',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'story-exec');
    const mark = path.basename(dir);
    const starts = path.join(dir, 'starts');
    const artifacts = path.join(dir, 'artifacts');
    // exits 3 on its first 3 runs (restarted after 1 s, 2 s, 4 s), then stays; prints the token
    const crasher = `echo x >> ${starts}; echo "token is $SECRET_TOKEN"; if [ $(wc -l < ${starts}) -le 3 ]; then exit 3; fi; exec sleep 1000`;
    // grows past its 80 MB once the crasher runs for the 4th time
    const hog = `while [ $(cat ${starts} 2>/dev/null | wc -l) -lt 4 ]; do sleep 0.2; done; exec node ${proc('grow-rss.cjs')}`;
    // healthy, then (from the crasher's first restart) fails with the secrets in its output, never
    // often enough to end the run
    const check: HealthCheck = healthCheck({
      type: 'exec',
      command: `if [ $(cat ${starts} 2>/dev/null | wc -l) -ge 2 ]; then echo "token is $SECRET_TOKEN, url $DATABASE_URL"; exit 1; fi`,
      intervalMs: 1_000,
      failureThreshold: 1_000,
    });
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          {
            name: 'crasher',
            command: crasher,
            memoryMb: 64,
            sidecarFor: ['web'],
            restart: { policy: 'on-failure', maxRestarts: 5 },
          },
          { name: 'hog', command: hog, memoryMb: 80, sidecarFor: ['web'] },
          {
            name: 'checked',
            command: 'exec sleep 1000',
            memoryMb: 32,
            sidecarFor: ['web'],
            healthCheck: check,
          },
        ],
        PROCESS_CHECK,
      ),
    );
    const cli = startSidecars(
      [
        'exec',
        '--for',
        'web',
        '--config',
        config,
        '--memory-interval-ms',
        '100',
        '--grace-ms',
        '1000',
        '--artifacts',
        artifacts,
      ],
      {
        env: {
          MARK: mark,
          PIDS_FILE: pidsFile,
          STEP_MB: '16',
          STEP_MS: '100',
          SECRET_TOKEN: TOKEN,
          DATABASE_URL: `postgres://app:${URL_PASSWORD}@db:5432/app`,
        },
      },
    );
    assert.deepEqual(await cli.exited, { code: 137, signal: null }, cli.text());

    const eventsText = readFileSync(path.join(artifacts, 'events.jsonl'), 'utf8');
    const lines = readLines(path.join(artifacts, 'events.jsonl'));
    const times = lines.map((line) => line.time);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'in time order',
    );
    for (const line of lines) {
      assert.equal(typeof line.time, 'number');
      assert.match(String(line['level']), /^(info|warn|error)$/);
      assert.equal(typeof line['msg'], 'string');
      assert.ok(!('pid' in line && 'hostname' in line), 'no pino pid/hostname');
    }
    const first = indexOf(
      lines,
      'crasher running',
      (l) => l.event === 'process.running' && l.name === 'crasher',
    );
    indexOf(lines, 'hog running', (l) => l.event === 'process.running' && l.name === 'hog');
    let at = first;
    for (const [attempt, delayMs] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
    ] as const) {
      at = indexOf(
        lines,
        `restart ${attempt}`,
        (l) =>
          l.event === 'process.restarting' &&
          l.name === 'crasher' &&
          l['attempt'] === attempt &&
          l['delayMs'] === delayMs &&
          l['exitCode'] === 3,
        at,
      );
      at = indexOf(
        lines,
        `run ${attempt + 1}`,
        (l) => l.event === 'process.running' && l.name === 'crasher',
        at,
      );
    }
    const kill = indexOf(
      lines,
      'the memory kill',
      (l) => l.event === 'memory.exceeded' && l.name === 'hog',
      at,
    );
    const killed = lines[kill] ?? assert.fail();
    assert.equal(killed['level'], 'error');
    assert.equal(killed['limitBytes'], 80 * MB);
    assert.ok((killed['rssBytes'] as number) > 80 * MB);
    assert.ok('pssBytes' in killed);
    assert.match(String(killed['msg']), /^hog exceeded its memory limit: \d+ MB > 80 MB/);
    const stop = indexOf(lines, 'the stop', (l) => l.event === 'supervisor.stop_requested', kill);
    indexOf(
      lines,
      'crasher stopped',
      (l) => l.name === 'crasher' && /^process\.(exited|killed)$/.test(l.event),
      stop,
    );
    const end = lines.length - 1;
    assert.equal(lines[end]?.event, 'supervisor.finished');
    assert.equal(lines[end]?.['exitCode'], 137);
    // the failing check's output, masked
    const failed = lines.filter((l) => l.event === 'health.failed' && l.name === 'checked');
    assert.ok(failed.length >= 1, 'a failed liveness check');
    assert.match(
      String(failed[0]?.['detail']),
      new RegExp(`token is X{${TOKEN.length}}, url postgres://app:X{${URL_PASSWORD.length}}@db`),
    );
    assertNoSecret('events.jsonl', eventsText);

    const memoryText = readFileSync(path.join(artifacts, 'memory.json'), 'utf8');
    assertNoSecret('memory.json', memoryText);
    const memory = JSON.parse(memoryText) as Memory;
    assert.equal(memory.version, 1);
    assert.equal(memory.poll_ms, 100);
    assert.deepEqual(Object.keys(memory.processes).sort(), ['checked', 'crasher', 'hog']);
    for (const [name, limitMb] of [
      ['crasher', 64],
      ['hog', 80],
      ['checked', 32],
    ] as const) {
      const series = memory.processes[name] ?? assert.fail(name);
      assert.equal(series.limit_bytes, limitMb * MB, name);
      assert.ok(
        series.points.length >= 3 && series.points.length <= 2_000,
        `${name}: ${series.points.length} points`,
      );
      for (const [start, rss] of series.points)
        assert.ok(typeof start === 'number' && typeof rss === 'number' && rss > 0);
    }
    const hogPoints = memory.processes['hog']?.points ?? [];
    const peak = Math.max(...hogPoints.map((p) => p[1] ?? 0));
    assert.ok(peak >= 80 * MB, `the hog's peak ${peak} is at or over its limit`);
    assert.equal(peak, killed['rssBytes'], 'the peak is the kill sample');
    await assertNothingLeft(mark, [cli.pid]);
  },
);

test(
  "run --upload: the run's and the nested exec's events.jsonl and memory.json are in the store, carried by the interval upload while the run goes on",
  TIMEOUT,
  async (t) => {
    const { s3, bucket } = await newBucket(server());
    const { dir } = await makeScratch(t, 'story-run');
    const mark = path.basename(dir);
    const stopFile = path.join(dir, 'stop');
    const config = runtimeConfig(
      [
        {
          name: 'waiter',
          command: `while [ ! -e ${stopFile} ]; do sleep 0.2; done; exit 3`,
          memoryMb: 64,
          sidecarFor: ['web'],
        },
      ],
      PROCESS_CHECK,
    );
    const droplet = makeDroplet(path.join(dir, 'shop'), {
      startCommand: 'exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
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
        '--artifacts',
        artifacts,
        '--upload',
        `s3://${bucket}/live`,
        '--upload-interval',
        '1',
      ],
      { env: { TMPDIR: dir, ...awsEnv(server()) } },
    );
    const base = 'live/shop/web-0/';
    const story = ['events.jsonl', 'memory.json', 'sidecars-web/events.jsonl', 'sidecars-web/memory.json'];
    const runFiles = async (): Promise<{ runKey: string; files: string[] }> => {
      const keys = (await listKeys(s3, bucket)).filter(
        (k) => k.startsWith(base) && !k.endsWith('latest.txt'),
      );
      const runId = keys[0]?.slice(base.length).split('/')[0] ?? '';
      const runKey = `${base}${runId}`;
      return { runKey, files: keys.map((k) => k.slice(runKey.length + 1)) };
    };
    // while the run goes on: the interval upload carries all four, with points and the running events
    await waitFor(
      'the interval upload to carry the story files of the run and of its nested exec, with memory points',
      async () => {
        const { runKey, files } = await runFiles();
        if (!story.every((file) => files.includes(file))) return false;
        const memory = JSON.parse(await readText(s3, bucket, `${runKey}/sidecars-web/memory.json`)) as Memory;
        const events = await readText(s3, bucket, `${runKey}/events.jsonl`);
        return (memory.processes['waiter']?.points.length ?? 0) > 0 && events.includes('"process.running"');
      },
      30_000,
    );
    const during = await runFiles();
    assert.ok(!during.files.includes('finished.json'), 'uploaded while the run goes on');
    const runMemory = JSON.parse(await readText(s3, bucket, `${during.runKey}/memory.json`)) as Memory;
    assert.deepEqual(Object.keys(runMemory.processes).sort(), ['sidecars-web', 'web']);

    await import('node:fs/promises').then((fs) => fs.writeFile(stopFile, ''));
    assert.deepEqual(await cli.exited, { code: 3, signal: null }, cli.text());
    const { runKey, files } = await runFiles();
    assert.ok(files.includes('finished.json'));
    for (const file of story) {
      const text = await readText(s3, bucket, `${runKey}/${file}`);
      assert.equal(
        text,
        readFileSync(path.join(artifacts, file), 'utf8'),
        `${file}: the store has the last one`,
      );
    }
    const nested = (await readText(s3, bucket, `${runKey}/sidecars-web/events.jsonl`))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    assert.ok(nested.some((l) => l.event === 'process.exited' && l.name === 'waiter' && l['exitCode'] === 3));
    assert.equal(nested.at(-1)?.event, 'supervisor.finished');
    const own = (await readText(s3, bucket, `${runKey}/events.jsonl`))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    assert.ok(own.some((l) => l.event === 'process.exited' && l.name === 'sidecars-web'));
    assert.equal(own.at(-1)?.event, 'supervisor.finished');
    assert.deepEqual(pidsWithEnv('MARK', mark), []);
    await assertNothingLeft(mark, [cli.pid]);
  },
);
