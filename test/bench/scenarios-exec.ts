import { writeExecConfig } from './config.js';
import { getSupervisor, readUsage, type Row, scratch, start, startSidecars } from './harness.js';
import type { Supervisor } from './supervisor-layout.js';

const MB = 1024 * 1024;
/** seconds of RSS samples of an idle exec (benchExecRss) */
const STEADY_SAMPLES = 30;
const idle = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `idle-${i}`, command: 'exec sleep 1000', memoryMb: 16 }));

export { benchBreach, benchFifty } from './memory-rows.js';

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
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
