// The state API's cost to supervision: the same figures with --status on and 20 clients following
// /events (samples) against --status off (direct). Issue 5: no worse than 5 %.
import { request } from 'node:http';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { PROCS, readUsage, type Row, scratch, type Started, startSidecars, waitFile } from './harness.js';

const MB = 1024 * 1024;
const FOLLOWERS = 20;
const API = ['--status', '127.0.0.1:0'];
const OFF = ['--status', 'off'];

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The address a supervisor logged, then FOLLOWERS clients reading /events to the end. */
async function follow(r: Started): Promise<Promise<void>[]> {
  let address = '';
  await r.firstLine((line) => {
    const match = /"event":"status\.listening","address":"([^"]+)"/.exec(line);
    if (match?.[1] !== undefined) address = match[1];
    return match !== null;
  });
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon);
  const port = Number(address.slice(colon + 1));
  return Array.from(
    { length: FOLLOWERS },
    () =>
      new Promise<void>((resolve) => {
        const req = request({ host, port, path: '/events' }, (res) => {
          res.resume();
          res.once('end', resolve);
          res.once('error', () => resolve());
        });
        req.once('error', () => resolve());
        req.end();
      }),
  );
}

async function breachOnce(status: string[]): Promise<number> {
  const dir = scratch('api-breach');
  const mark = path.join(dir, 'breach');
  const command = `node ${path.join(PROCS, 'grow-rss.cjs')} & wait`;
  const config = writeExecConfig(dir, [{ name: 'hog', command, memoryMb: 100 }], 'process');
  const r = startSidecars(['exec', '--for', 'web', '--config', config, ...status], {
    STEP_MB: '200',
    STEP_MS: '400',
    MAX_MB: '200',
    MARK_FILE: mark,
  });
  const killedAt = r.firstLine((l) => l.includes('"event":"process.killed"'));
  const followers = status === API ? await follow(r) : [];
  const at = await killedAt;
  await r.exit;
  await Promise.all(followers);
  const breachedAt = Number(await waitFile(mark));
  return Date.now() - (performance.now() - at) - breachedAt;
}

async function idleFifty(status: string[]): Promise<{ rssMb: number[]; cpuMs: number }> {
  const sidecars = Array.from({ length: 50 }, (_, i) => ({
    name: `idle-${i}`,
    command: 'exec sleep 1000',
    memoryMb: 16,
  }));
  const config = writeExecConfig(scratch('api-fifty'), sidecars, 'process');
  const r = startSidecars(['exec', '--for', 'web', '--config', config, ...status]);
  const followers = status === API ? await follow(r) : [];
  const pid = r.child.pid ?? 0;
  await settle(3_000);
  const before = readUsage(pid);
  const rssMb: number[] = [];
  for (let i = 0; i < 10; i++) {
    await settle(1_000);
    rssMb.push(readUsage(pid).rssBytes / MB);
  }
  const after = readUsage(pid);
  r.child.kill('SIGTERM');
  await r.exit;
  await Promise.all(followers);
  return { rssMb, cpuMs: after.cpuMs - before.cpuMs };
}

/** Rows for `npm run bench`: samples with the API and 20 followers, direct without. */
export async function benchApi(): Promise<Row[]> {
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const [status, into] of [
      [OFF, off],
      [API, on],
    ] as const) {
      into.push(await breachOnce(status));
    }
  }
  // the machine moves CPU figures by ±15 % from run to run: five runs each, alternating
  const fiftyOff = { rssMb: [] as number[], cpuMs: [] as number[] };
  const fiftyOn = { rssMb: [] as number[], cpuMs: [] as number[] };
  for (let i = 0; i < 5; i++) {
    for (const [status, into] of [
      [OFF, fiftyOff],
      [API, fiftyOn],
    ] as const) {
      const run = await idleFifty(status);
      into.rssMb.push(...run.rssMb);
      into.cpuMs.push(run.cpuMs);
    }
  }
  return [
    {
      what: `memory breach → tree killed, API on + ${FOLLOWERS} /events clients (direct: API off)`,
      unit: 'ms',
      samples: on,
      direct: off,
      target: '≤ 1.05× direct',
    },
    {
      what: `supervisor RSS, 50 idle sidecars, API on + ${FOLLOWERS} clients (direct: off)`,
      unit: 'MB',
      samples: fiftyOn.rssMb,
      direct: fiftyOff.rssMb,
      target: '≤ 1.05× direct',
    },
    {
      what: `supervisor CPU over 10 s, 50 sidecars, API on + ${FOLLOWERS} clients (direct: off)`,
      unit: 'ms',
      samples: fiftyOn.cpuMs,
      direct: fiftyOff.cpuMs,
      target: '≤ 1.05× direct',
    },
  ];
}
