// `npm run bench upload`: `exec --upload` against a radosgw this step starts and stops, each figure
// against the same run with upload off (the same environment, no --upload) in the same invocation,
// the two modes alternating (off-on, on-off, …) so the machine's drift falls on both alike.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startRadosgw } from '../helpers/radosgw.js';
import { writeExecConfig } from './config.js';
import { PROCS, readUsage, type Row, scratch, type Started, startSidecars, waitFile } from './harness.js';
import { type BenchStore, createBenchStore, pollHead, waitForKey, watchUploaders } from './upload-store.js';

const MB = 1024 * 1024;
type Mode = 'on' | 'off';
/** RSS runs per mode: 2 s to settle, then a sample a second for 15 s (three interval uploads) */
const RSS_RUNS = 3;
const RSS_SETTLE_MS = 2_000;
const RSS_SAMPLES = 15;
const UPLOAD_INTERVAL_S = 5;
const BREACH_REPS = 5;
/** exit → finished is a few ms wide, the machine's noise as much: more runs for a steady median */
const EXIT_REPS = 15;
const STORE_REPS = 7;
const HEAD_POLL_MS = 10;
/** after the sidecars run (and the start upload is up), before the command is let go */
const BEFORE_EXIT_MS = 300;
const LINE_TIMEOUT_MS = 30_000;

const order = (i: number): Mode[] => (i % 2 === 0 ? ['off', 'on'] : ['on', 'off']);
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const wallMs = (at: number): number => performance.timeOrigin + at;
const event = (name: string) => (line: string) => line.includes(`"event":"${name}"`);
const isInterval = (line: string): boolean =>
  event('records.uploaded')(line) && line.includes('"what":"interval"');
const isStartUp = (line: string): boolean =>
  event('records.uploaded')(line) && line.includes('"what":"start"');
const idle = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `idle-${i}`, command: 'exec sleep 1000', memoryMb: 16 }));

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench upload: no ${what} in ${LINE_TIMEOUT_MS} ms`)),
      LINE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let runs = 0;

/** `exec --for web` on config, in dir (its TMPDIR); with upload on, under a prefix of its own. */
function startExec(
  store: BenchStore,
  mode: Mode,
  dir: string,
  config: string,
  extra: { env?: Record<string, string>; args?: string[] } = {},
): { r: Started; prefix: string } {
  const prefix = `run-${++runs}`;
  const upload = mode === 'on' ? [...store.uploadArgs(prefix), ...(extra.args ?? [])] : [];
  const r = startSidecars(['exec', '--for', 'web', '--config', config, ...upload], {
    ...store.env,
    TMPDIR: dir,
    ...extra.env,
  });
  return { r, prefix };
}

/** 1. steady RSS, 10 idle sidecars of which one prints a line a second, interval uploads every 5 s. */
async function benchRss(store: BenchStore): Promise<Row[]> {
  const rss: Record<Mode, number[]> = { on: [], off: [] };
  const peaks: number[] = [];
  let missed = 0;
  let intervals = 0;
  for (let i = 0; i < RSS_RUNS; i++) {
    for (const mode of order(i)) {
      const dir = scratch('upload-rss');
      const ticker = { name: 'ticker', command: 'while true; do echo tick; sleep 1; done', memoryMb: 16 };
      const config = writeExecConfig(dir, [...idle(9), ticker], 'process');
      const { r } = startExec(store, mode, dir, config, {
        args: ['--upload-interval', String(UPLOAD_INTERVAL_S)],
      });
      r.lineCount(isInterval);
      const watch = mode === 'on' ? watchUploaders(r.child.pid ?? 0) : null;
      await settle(RSS_SETTLE_MS);
      for (let s = 0; s < RSS_SAMPLES; s++) {
        await settle(1_000);
        rss[mode].push(readUsage(r.child.pid ?? 0).rssBytes / MB);
      }
      r.child.kill('SIGTERM');
      await r.exit;
      intervals += r.lineCount(isInterval);
      const seen = watch?.stop();
      peaks.push(...(seen?.peaksMb ?? []));
      missed += seen?.missed ?? 0;
    }
  }
  return [
    {
      what: `exec RSS, 10 idle sidecars (1 prints 1 line/s), upload on, --upload-interval ${UPLOAD_INTERVAL_S} (${intervals} interval uploads) (direct: upload off)`,
      unit: 'MB',
      samples: rss.on,
      direct: rss.off,
      target: '≤ 1.10× off',
    },
    {
      what: `uploader child (upload --job -) peak RSS, VmHWM sampled every 20 ms (${peaks.length} batches${missed > 0 ? `, ${missed} seen too late to read` : ''})`,
      unit: 'MB',
      samples: peaks,
      direct: null,
      target: 'informative',
    },
  ];
}

/** 2. memory breach → tree killed, as benchBreach; the first allocation at stepMs after start. */
async function breachOnce(store: BenchStore, mode: Mode, stepMs: number): Promise<number> {
  const dir = scratch('upload-breach');
  const mark = path.join(dir, 'breach');
  const command = `node ${path.join(PROCS, 'grow-rss.cjs')} & wait`;
  const config = writeExecConfig(dir, [{ name: 'hog', command, memoryMb: 100 }], 'process');
  const env = { STEP_MB: '200', STEP_MS: String(stepMs), MAX_MB: '200', MARK_FILE: mark };
  const { r } = startExec(store, mode, dir, config, { env });
  const at = await within(r.firstLine(event('process.killed')), 'process.killed');
  await r.exit;
  const breachedAt = Number(await waitFile(mark));
  return Date.now() - (performance.now() - at) - breachedAt;
}

async function benchBreach(store: BenchStore): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [stepMs, when] of [
    [400, 'breach 0.4 s in, as the start upload runs'],
    [3_000, 'breach 3 s in, after the start upload'],
  ] as const) {
    const latency: Record<Mode, number[]> = { on: [], off: [] };
    for (let i = 0; i < BREACH_REPS; i++)
      for (const mode of order(i)) latency[mode].push(await breachOnce(store, mode, stepMs));
    rows.push({
      what: `memory breach → tree killed, upload on, ${when} (direct: upload off)`,
      unit: 'ms',
      samples: latency.on,
      direct: latency.off,
      target: '≤ 1.05× off',
    });
  }
  return rows;
}

interface ExitTimes {
  toFinishedMs: number;
  toExitMs: number;
  code: number | null;
  /** command exit → finished.json readable in the store (only when asked to watch it) */
  toReadableMs: number | null;
}

/**
 * 3 and 4. A sidecar that stamps $EPOCHREALTIME and exits 7 once the bench lets it (the sidecars
 * running and, upload on, the start upload up), next to one idle sidecar to stop.
 */
async function exitOnce(store: BenchStore, mode: Mode, watchStore: boolean): Promise<ExitTimes> {
  const dir = scratch('upload-exit');
  const go = path.join(dir, 'go');
  const marker = path.join(dir, 'exiting');
  const command = `while [ ! -e ${go} ]; do sleep 0.05; done; echo "$EPOCHREALTIME" > ${marker}; exit 7`;
  const config = writeExecConfig(dir, [{ name: 'main', command, memoryMb: 32 }, ...idle(1)], 'process');
  const { r, prefix } = startExec(store, mode, dir, config);
  const finished = r.firstLine(event('supervisor.finished'));
  const startUp = r.firstLine(isStartUp);
  await within(
    r.firstLine((l) => event('process.running')(l) && l.includes('"proc":"idle-0"')),
    'process.running',
  );
  if (mode === 'on') await within(startUp, 'start upload');
  const finishedKey = watchStore
    ? (await waitForKey(store, prefix, '/started.json')).replace(/started\.json$/, 'finished.json')
    : null;
  await settle(BEFORE_EXIT_MS);
  writeFileSync(go, '');
  const stampMs = (): number => Number(readFileSync(marker, 'utf8').replace(',', '.')) * 1000;
  let readableAt: number | null = null;
  if (finishedKey !== null) {
    await waitFile(marker);
    readableAt = await pollHead(store, finishedKey, HEAD_POLL_MS);
  }
  const finishedAt = await within(finished, 'supervisor.finished');
  const end = await r.exit;
  const stamp = stampMs();
  return {
    toFinishedMs: wallMs(finishedAt) - stamp,
    toExitMs: wallMs(end.at) - stamp,
    code: end.code,
    toReadableMs: readableAt === null ? null : readableAt - stamp,
  };
}

async function benchExit(store: BenchStore): Promise<Row[]> {
  const times: Record<Mode, ExitTimes[]> = { on: [], off: [] };
  for (let i = 0; i < EXIT_REPS; i++)
    for (const mode of order(i)) times[mode].push(await exitOnce(store, mode, false));
  const codes = new Set([...times.on, ...times.off].map((t) => t.code));
  const readable: number[] = [];
  for (let i = 0; i < STORE_REPS; i++) readable.push((await exitOnce(store, 'on', true)).toReadableMs ?? NaN);
  return [
    {
      what: 'command exit → supervisor.finished event, upload on (final upload excluded) (direct: upload off)',
      unit: 'ms',
      samples: times.on.map((t) => t.toFinishedMs),
      direct: times.off.map((t) => t.toFinishedMs),
      target: '≤ 1.05× off',
    },
    {
      what: `command exit → exec exits, upload on, final upload included (direct: upload off; exit codes seen: ${[...codes].join(',')})`,
      unit: 'ms',
      samples: times.on.map((t) => t.toExitMs),
      direct: times.off.map((t) => t.toExitMs),
      target: 'informative, exact code 7',
    },
    {
      what: `command exit → finished.json readable in the store (HeadObject every ${HEAD_POLL_MS} ms, loopback)`,
      unit: 'ms',
      samples: readable,
      direct: null,
      target: '≤ 1000 ms',
    },
  ];
}

/** The whole step: a radosgw of its own, stopped whatever happens. */
export async function benchUpload(): Promise<Row[]> {
  const server = await startRadosgw();
  let store: BenchStore | undefined;
  try {
    store = await createBenchStore(server);
    return [...(await benchRss(store)), ...(await benchBreach(store)), ...(await benchExit(store))];
  } finally {
    store?.s3.destroy();
    await server.stop();
  }
}
