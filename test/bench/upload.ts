// `npm run bench upload`: `exec --upload` against a radosgw this step starts and stops, each figure
// against the same run with upload off (the same environment, no --upload) in the same invocation,
// the two modes alternating (off-on, on-off, …) so the machine's drift falls on both alike.
import path from 'node:path';

import { startRadosgw } from '../helpers/radosgw.js';
import { writeExecConfig } from './config.js';
import { PROCS, readUsage, type Row, scratch, waitFile } from './harness.js';
import { benchExit } from './upload-exit.js';
import {
  event,
  idle,
  isInterval,
  isStartUp,
  type Mode,
  order,
  settle,
  startExec,
  within,
} from './upload-run.js';
import { type BenchStore, closePolls, createBenchStore, watchUploaders } from './upload-store.js';

const MB = 1024 * 1024;
/** RSS runs per mode: 2 s to settle, then a sample a second for 15 s (three interval uploads) */
const RSS_RUNS = 3;
const RSS_SETTLE_MS = 2_000;
const RSS_SAMPLES = 15;
const UPLOAD_INTERVAL_S = 5;
/** a breach lands anywhere in a 250 ms poll: its latency spreads that wide, so more runs */
const BREACH_REPS = 8;

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

interface BreachTimes {
  /** the breach (the first allocation's start) → the kill's line, as benchBreach */
  latencyMs: number;
  /** the memory.exceeded line → the process.killed line: the supervisor's own reaction */
  reactionMs: number;
  /** upload on: the start upload was not up yet when the breach began */
  duringStartUpload: boolean;
}

/** 2. memory breach → tree killed, as benchBreach; the first allocation at stepMs after start. */
async function breachOnce(store: BenchStore, mode: Mode, stepMs: number): Promise<BreachTimes> {
  const dir = scratch('upload-breach');
  const mark = path.join(dir, 'breach');
  const command = `node ${path.join(PROCS, 'grow-rss.cjs')} & wait`;
  const config = writeExecConfig(dir, [{ name: 'hog', command, memoryMb: 100 }], 'process');
  const env = { STEP_MB: '200', STEP_MS: String(stepMs), MAX_MB: '200', MARK_FILE: mark };
  const { r } = startExec(store, mode, dir, config, { env });
  let startUpAt: number | null = null;
  void r.firstLine(isStartUp).then((at) => (startUpAt = at));
  const exceeded = r.firstLine(event('memory.exceeded'));
  const at = await within(r.firstLine(event('process.killed')), 'process.killed');
  const exceededAt = await within(exceeded, 'memory.exceeded');
  await r.exit;
  const breachedAt = Number(await waitFile(mark));
  const toWall = (t: number): number => Date.now() - (performance.now() - t);
  return {
    latencyMs: toWall(at) - breachedAt,
    reactionMs: at - exceededAt,
    duringStartUpload: mode === 'on' && (startUpAt === null || toWall(startUpAt) > breachedAt),
  };
}

async function benchBreach(store: BenchStore): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [stepMs, when] of [
    [400, 'breach 0.4 s in'],
    [3_000, 'breach 3 s in'],
  ] as const) {
    const times: Record<Mode, BreachTimes[]> = { on: [], off: [] };
    for (let i = 0; i < BREACH_REPS; i++)
      for (const mode of order(i)) times[mode].push(await breachOnce(store, mode, stepMs));
    const during = times.on.filter((t) => t.duringStartUpload).length;
    const label = `${when}, ${during} of ${times.on.length} during the start upload`;
    rows.push(
      {
        what: `memory breach → tree killed, upload on, ${label} (direct: upload off)`,
        unit: 'ms',
        samples: times.on.map((t) => t.latencyMs),
        direct: times.off.map((t) => t.latencyMs),
        target: '≤ 1.05× off',
      },
      {
        what: `… of which memory.exceeded → process.killed (direct: upload off)`,
        unit: 'ms',
        samples: times.on.map((t) => t.reactionMs),
        direct: times.off.map((t) => t.reactionMs),
        target: 'informative',
      },
    );
  }
  return rows;
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
    closePolls();
    await server.stop();
  }
}
