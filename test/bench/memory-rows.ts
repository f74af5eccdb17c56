// The memory poll's two figures, as the peer benchmark (../shared/bench) takes them, each against a
// direct run in the same invocation: the breach (`memory`: a child's own RSS first over its limit →
// the child gone) and the CPU of 50 idle sidecars polled for 20 s (`idle-50`).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import {
  getSupervisor,
  PROCS,
  readUsage,
  type Row,
  scratch,
  start,
  startSidecars,
  waitFile,
} from './harness.js';

const MB = 1024 * 1024;
/** the peer bench's `memory` scenario: +20 MiB touched every 100 ms, limit 100 MiB */
const GROW = { STEP_MB: '20', STEP_MS: '100', MAX_MB: '600', CROSS_MB: '100' };
const LIMIT_MB = 100;
/** the direct floor's poll: the harness reads the child's RSS every 100 ms and SIGKILLs it */
const DIRECT_POLL_MS = 100;
const RUNS = 5;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The child's state letter, or null once it is gone from /proc. */
function readState(pid: number): { state: string; rssBytes: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', rssBytes: Number(fields[21]) * 4096 };
  } catch {
    return null;
  }
}

/**
 * Watches `pid` every 5 ms, as the peer bench does: when it is first seen over the limit and when it
 * is gone (or a zombie), in epoch ms.
 */
async function watch(pid: number, timeoutMs = 45_000): Promise<{ overAt: number | null; goneAt: number }> {
  const deadline = Date.now() + timeoutMs;
  let overAt: number | null = null;
  while (Date.now() < deadline) {
    const row = readState(pid);
    if (row === null || row.state === 'Z' || row.state === 'X') return { overAt, goneAt: Date.now() };
    if (overAt === null && row.rssBytes > LIMIT_MB * MB) overAt = Date.now();
    await sleep(5);
  }
  throw new Error(`pid ${pid} was not killed`);
}

/**
 * The breach's lag: from the child's own report of its RSS over the limit (CROSS_FILE, written
 * after its 20 MiB step) to its end. A kill in the middle of the step, before the child could
 * report, counts from the first 5 ms look that saw it over (the peer bench has no figure then).
 */
function toLag(cross: string, seen: { overAt: number | null; goneAt: number }): number {
  let crossedAt: number | null = null;
  try {
    crossedAt = Number(readFileSync(cross, 'utf8'));
  } catch {
    // killed mid-step
  }
  const from = crossedAt ?? seen.overAt ?? seen.goneAt;
  return Math.max(0, seen.goneAt - from);
}

async function breachOurs(): Promise<number> {
  const dir = scratch('breach');
  const [pids, cross] = [path.join(dir, 'pids'), path.join(dir, 'cross')];
  const command = `exec node ${path.join(PROCS, 'grow-rss.cjs')}`;
  const config = writeExecConfig(dir, [{ name: 'hog', command, memoryMb: LIMIT_MB }], 'process');
  const env = { ...GROW, PIDS_FILE: pids, CROSS_FILE: cross };
  const r = startSidecars(['exec', '--for', 'web', '--config', config], env);
  const seen = await watch(Number((await waitFile(pids)).trim()));
  await r.exit;
  return toLag(cross, seen);
}

async function breachDirect(): Promise<number> {
  const dir = scratch('breach-direct');
  const cross = path.join(dir, 'cross');
  const r = start(getSupervisor().node, [path.join(PROCS, 'grow-rss.cjs')], { ...GROW, CROSS_FILE: cross });
  const pid = r.child.pid ?? 0;
  const timer = setInterval(() => {
    const row = readState(pid);
    if (row !== null && row.rssBytes > LIMIT_MB * MB) r.child.kill('SIGKILL');
  }, DIRECT_POLL_MS);
  try {
    return toLag(cross, await watch(pid));
  } finally {
    clearInterval(timer);
    await r.exit;
  }
}

/** memory breach → child gone, `exec` at its default poll against a direct 100 ms poll; runs interleaved. */
export async function benchBreach(): Promise<Row> {
  const samples: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(await breachOurs());
    direct.push(await breachDirect());
  }
  return {
    what: 'memory breach → child gone (peer bench `memory`; direct: 100 ms poll + SIGKILL)',
    unit: 'ms',
    samples,
    direct,
    target: '≤ 2× direct',
  };
}

/** 50 × `sleep 1000` and a bare Node.js that reads each one's statm every 250 ms (the floor of a poll). */
async function directPollCpu(windowMs: number): Promise<number> {
  const sleeps = Array.from({ length: 50 }, () => start('sleep', ['1000']));
  const pids = sleeps.map((s) => s.child.pid ?? 0).join(',');
  const script = `const fs=require('fs');const fds=[${pids}].map(p=>fs.openSync('/proc/'+p+'/statm','r'));const b=Buffer.alloc(256);setInterval(()=>{for(const fd of fds)fs.readSync(fd,b,0,256,0)},250)`;
  const poller = start(getSupervisor().node, ['-e', script]);
  await sleep(3_000);
  const before = readUsage(poller.child.pid ?? 0).cpuMs;
  await sleep(windowMs);
  const cpuMs = readUsage(poller.child.pid ?? 0).cpuMs - before;
  for (const s of [poller, ...sleeps]) s.child.kill('SIGKILL');
  await Promise.all([poller, ...sleeps].map((s) => s.exit));
  return cpuMs;
}

/** the peer bench's idle sidecars: `sleep 1000` as it is written there */
const idle = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `idle-${i}`, command: 'sleep 1000', memoryMb: 16 }));

/** performance.now() when `pid` has `n` children running `sleep` (polled every 2 ms) */
async function whenSleeping(pid: number, n: number): Promise<number> {
  for (;;) {
    let sleeping = 0;
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1').split(' ')) {
        if (child !== '' && readFileSync(`/proc/${child}/comm`, 'latin1') === 'sleep\n') sleeping += 1;
      }
    } catch {
      // a child that just exec'd or ended: counted on the next look
    }
    if (sleeping >= n) return performance.now();
    await sleep(2);
  }
}

/** a Node.js that spawns `n` sleeps itself: the direct floor of a supervisor's start of n */
const SPAWN_N = (n: number): string =>
  `const {spawn}=require('child_process');for(let i=0;i<${n};i++)spawn('sleep',['1000'],{stdio:'ignore'});setInterval(()=>{},1000)`;

/** The supervisor's own RSS and CPU supervising 50 idle sidecars for 20 s (memory polled). */
export async function benchFifty(): Promise<Row[]> {
  const config = writeExecConfig(scratch('fifty'), idle(50), 'process');
  const r = startSidecars(['exec', '--for', 'web', '--config', config]);
  const pid = r.child.pid ?? 0;
  const upMs = (await whenSleeping(pid, 50)) - r.t0;
  await sleep(3_000);
  const before = readUsage(pid);
  const rss: number[] = [];
  for (let i = 0; i < 20; i++) {
    await sleep(1_000);
    rss.push(readUsage(pid).rssBytes / MB);
  }
  const after = readUsage(pid);
  r.child.kill('SIGTERM');
  await r.exit;
  const bare = start(getSupervisor().node, ['-e', 'setInterval(() => {}, 1000)']);
  await sleep(2_000);
  const bareRss = readUsage(bare.child.pid ?? 0).rssBytes / MB;
  bare.child.kill('SIGKILL');
  await bare.exit;
  const directCpu = await directPollCpu(20_000);
  const spawner = start(getSupervisor().node, ['-e', SPAWN_N(50)]);
  const directUpMs = (await whenSleeping(spawner.child.pid ?? 0, 50)) - spawner.t0;
  const spawnerPid = spawner.child.pid ?? 0;
  for (const child of readFileSync(`/proc/${spawnerPid}/task/${spawnerPid}/children`, 'latin1').split(' ')) {
    if (child !== '') process.kill(Number(child), 'SIGKILL');
  }
  spawner.child.kill('SIGKILL');
  await spawner.exit;
  return [
    {
      what: 'start → 50 sidecars running (direct: a Node.js spawning 50 sleeps)',
      unit: 'ms',
      samples: [upMs],
      direct: [directUpMs],
      target: 'tracked (peer bench startup is one sidecar)',
    },
    {
      what: 'supervisor RSS, 50 idle sidecars (vs bare node)',
      unit: 'MB',
      samples: rss,
      direct: [bareRss],
      target: '≤ 58 MB',
    },
    {
      what: 'supervisor CPU over 20 s, 50 sidecars polled (direct: node reading 50 statm / 250 ms)',
      unit: 'ms',
      samples: [after.cpuMs - before.cpuMs],
      direct: [directCpu],
      target: '≤ 60 ms (peer bench idle-50)',
    },
  ];
}
