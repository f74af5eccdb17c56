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
import type { Supervisor } from './supervisor-layout.js';

const MB = 1024 * 1024;
/** seconds of RSS samples of an idle exec (benchExecRss) */
const STEADY_SAMPLES = 30;
const idle = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `idle-${i}`, command: 'exec sleep 1000', memoryMb: 16 }));

/** memory breach → tree killed, at the default poll interval (250 ms). */
export async function benchBreach(): Promise<Row> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = scratch('breach');
    const mark = path.join(dir, 'breach');
    const command = `node ${path.join(PROCS, 'grow-rss.cjs')} & wait`;
    const config = writeExecConfig(dir, [{ name: 'hog', command, memoryMb: 100 }], 'process');
    const r = startSidecars(['exec', '--for', 'web', '--config', config], {
      STEP_MB: '200',
      STEP_MS: '400',
      MAX_MB: '200',
      MARK_FILE: mark,
    });
    const killedAt = r.firstLine((l) => l.includes('"event":"process.killed"'));
    const at = await killedAt;
    await r.exit;
    const breachedAt = Number(await waitFile(mark));
    samples.push(Date.now() - (performance.now() - at) - breachedAt);
  }
  return {
    what: 'memory breach → tree killed (exec, 250 ms poll)',
    unit: 'ms',
    samples,
    direct: null,
    target: '≤ 500 ms (2 polls)',
  };
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The supervisor's own RSS and CPU supervising 50 idle sidecars for 20 s (memory polled). */
export async function benchFifty(): Promise<Row[]> {
  const config = writeExecConfig(scratch('fifty'), idle(50), 'process');
  const r = startSidecars(['exec', '--for', 'web', '--config', config]);
  const pid = r.child.pid ?? 0;
  await settle(3_000);
  const before = readUsage(pid);
  const rss: number[] = [];
  for (let i = 0; i < 20; i++) {
    await settle(1_000);
    rss.push(readUsage(pid).rssBytes / MB);
  }
  const after = readUsage(pid);
  r.child.kill('SIGTERM');
  await r.exit;
  const bare = start(getSupervisor().node, ['-e', 'setInterval(() => {}, 1000)']);
  await settle(2_000);
  const bareRss = readUsage(bare.child.pid ?? 0).rssBytes / MB;
  bare.child.kill('SIGKILL');
  await bare.exit;
  return [
    {
      what: 'supervisor RSS, 50 idle sidecars (vs bare node)',
      unit: 'MB',
      samples: rss,
      direct: [bareRss],
      target: '≤ 58 MB',
    },
    {
      what: 'supervisor CPU over 20 s, 50 sidecars polled',
      unit: 'ms',
      samples: [after.cpuMs - before.cpuMs],
      direct: null,
      target: '≤ 200 ms',
    },
  ];
}

/** RSS of a bare Node.js process (the supervisor's) idling, sampled like the supervisor. */
export async function bareNodeRss(sup: Supervisor = getSupervisor()): Promise<number[]> {
  const bare = start(sup.node, ['-e', 'setInterval(() => {}, 1000)']);
  await settle(2_000);
  const rss = [readUsage(bare.child.pid ?? 0).rssBytes / MB];
  bare.child.kill('SIGKILL');
  await bare.exit;
  return rss;
}

/**
 * Steady-state RSS of `sidecars exec` with 1 and 10 idle sidecars: the figure launch.yml declares.
 * Sampled for 30 s after a 2 s settle: V8's memory reducer shrinks the heap after ~8 s, and the
 * RSS then creeps back up to a plateau it reaches by ~25 s; the max is the start-up hump before.
 */
export async function benchExecRss(sup: Supervisor = getSupervisor()): Promise<Row[]> {
  const rows: Row[] = [];
  const bare = await bareNodeRss(sup);
  for (const n of [1, 10]) {
    const config = writeExecConfig(scratch(`rss${n}`), idle(n), 'process');
    const r = startSidecars(['exec', '--for', 'web', '--config', config], {}, sup);
    await settle(2_000);
    const rss: number[] = [];
    for (let i = 0; i < STEADY_SAMPLES; i++) {
      await settle(1_000);
      rss.push(readUsage(r.child.pid ?? 0).rssBytes / MB);
    }
    r.child.kill('SIGTERM');
    await r.exit;
    rows.push({
      what: `sidecars exec RSS, ${n} idle sidecar(s) (direct: bare Node.js)`,
      unit: 'MB',
      samples: rss,
      direct: bare,
      target: '≤ 56 MB',
    });
  }
  return rows;
}

export { writeExecConfig };
export const gateConfig = (dir: string, sidecarCommand: string): string =>
  writeExecConfig(dir, [{ name: 'agent', command: sidecarCommand, memoryMb: 32 }], 'port');
