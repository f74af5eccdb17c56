// `npm run bench story`: the size of events.jsonl and memory.json after a simulated 24 h run, through
// the real writer (startStoryFiles) with simulated time: 3 sidecars polled at the default 250 ms,
// one of them crash-looping (a restart every 30 s, restart: always) or all of them steady.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { fakeSpec } from '../helpers/fakes.js';
import type { SupervisorEvent } from '../../src/supervisor/model/events.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../../src/supervisor/policies/memory-limit.js';
import { EVENTS_FILE } from '../../src/supervisor/records/event-log.js';
import { MEMORY_FILE } from '../../src/supervisor/records/memory-series.js';
import { startStoryFiles } from '../../src/supervisor/records/story-files.js';
import { NO_CENSOR } from '../../src/supervisor/secrets/censor.js';
import { type Row, scratch } from './harness.js';

const MB = 1024 * 1024;
const KB = 1024;
const DAY_MS = 24 * 3_600_000;
const T0 = 1_795_310_000_000;
const NAMES = ['agent', 'proxy', 'crasher'];
const RESTART_EVERY_MS = 30_000;
const REPS = 3;

/** The events of one run of `name` that crashed after `ranMs` and is restarted. */
function crashEvents(name: string, at: number, attempt: number): SupervisorEvent[] {
  return [
    {
      type: 'process.restarting',
      name,
      cause: 'exited',
      exitCode: 3,
      signal: null,
      reason: 'exited',
      attempt,
      delayMs: 1_000,
      at,
    },
    { type: 'process.starting', name, cause: 'restart', at: at + 1_000 },
    { type: 'process.running', name, cause: 'spawned', pid: 10_000 + attempt, at: at + 1_010 },
    { type: 'health.passed', name, target: 'http :9100/health', at: at + 1_200 },
    { type: 'process.healthy', name, cause: 'health check passed', at: at + 1_200 },
  ];
}

async function simulateDay(crashLoop: boolean): Promise<{
  events: number;
  memory: number;
  lines: number;
  points: number;
  ingestMs: number;
  flushMs: number;
  writeMs: number;
}> {
  const dir = scratch('story');
  const specs = NAMES.map((name) => fakeSpec(name, { memoryLimitBytes: 64 * MB }));
  const story = startStoryFiles(dir, specs, {
    pollMs: DEFAULT_MEMORY_INTERVAL_MS,
    censor: NO_CENSOR,
    flushMs: DAY_MS,
  });
  for (const name of NAMES) {
    story.event({ type: 'process.running', name, cause: 'spawned', pid: 100, at: T0 });
    story.event({ type: 'process.healthy', name, cause: 'health check passed', at: T0 + 200 });
  }
  const started = performance.now();
  let attempt = 0;
  for (let at = T0; at < T0 + DAY_MS; at += DEFAULT_MEMORY_INTERVAL_MS) {
    NAMES.forEach((name, i) => {
      const rss = (20 + i * 10) * MB + ((at / 1_000) % 97) * 64 * KB;
      story.sample(name, at, rss, null);
    });
    if (crashLoop && (at - T0) % RESTART_EVERY_MS === 0 && at > T0) {
      attempt += 1;
      for (const event of crashEvents('crasher', at, attempt)) story.event(event);
    }
  }
  const ingestMs = performance.now() - started;
  const cpu = process.cpuUsage();
  await story.flush();
  const used = process.cpuUsage(cpu);
  const flushMs = (used.user + used.system) / 1_000;
  story.event({ type: 'supervisor.finished', exitCode: 143, summary: 'stopped by SIGTERM', at: T0 + DAY_MS });
  const writing = performance.now();
  await story.finish(T0 + DAY_MS);
  const writeMs = performance.now() - writing;
  await story.close();
  const memory = JSON.parse(readFileSync(path.join(dir, MEMORY_FILE), 'utf8')) as {
    processes: Record<string, { points: unknown[] }>;
  };
  return {
    events: statSync(path.join(dir, EVENTS_FILE)).size,
    memory: statSync(path.join(dir, MEMORY_FILE)).size,
    lines: readFileSync(path.join(dir, EVENTS_FILE), 'utf8').trimEnd().split('\n').length,
    points: Math.max(...Object.values(memory.processes).map((p) => p.points.length)),
    ingestMs,
    flushMs,
    writeMs,
  };
}

export async function benchStory(): Promise<Row[]> {
  const runs: Record<'steady' | 'loop', Array<Awaited<ReturnType<typeof simulateDay>>>> = {
    steady: [],
    loop: [],
  };
  for (let i = 0; i < REPS; i++) {
    runs.steady.push(await simulateDay(false));
    runs.loop.push(await simulateDay(true));
  }
  const polls = DAY_MS / DEFAULT_MEMORY_INTERVAL_MS;
  const row = (what: string, unit: string, samples: number[], target: string): Row => ({
    what,
    unit,
    samples,
    direct: null,
    target,
  });
  return [
    row(
      '24 h, 3 sidecars: events.jsonl (steady)',
      'KB',
      runs.steady.map((r) => r.events / KB),
      '—',
    ),
    row(
      '24 h, crash loop (restart every 30 s): events.jsonl',
      'KB',
      runs.loop.map((r) => r.events / KB),
      '≤ 2,501 lines (500 first + 2,000 last)',
    ),
    row(
      '24 h, crash loop: events.jsonl lines',
      'lines',
      runs.loop.map((r) => r.lines),
      '≤ 2,501',
    ),
    row(
      '24 h at 250 ms polls, 3 sidecars: memory.json',
      'KB',
      runs.loop.map((r) => r.memory / KB),
      '—',
    ),
    row(
      '24 h: memory.json points per process',
      'points',
      runs.loop.map((r) => r.points),
      '≤ 2,000',
    ),
    row(
      'memory series: cost per poll (3 samples)',
      'µs',
      runs.loop.map((r) => (r.ingestMs * 1_000) / polls),
      '—',
    ),
    row(
      'the rewrite every 5 s (memory.json + events.jsonl, no fsync): CPU',
      'ms',
      runs.loop.map((r) => r.flushMs),
      '—',
    ),
    row(
      'memory.json + events.jsonl: the last write (fsync)',
      'ms',
      runs.loop.map((r) => r.writeMs),
      '—',
    ),
  ];
}
