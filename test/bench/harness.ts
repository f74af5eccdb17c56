import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { createSupervisor, type Supervisor } from './supervisor-layout.js';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PROCS = path.join(REPO_DIR, 'fixtures/procs');

let supervisor: Supervisor | undefined;

/** Lays out the supervisor on the shipped Node.js (createSupervisor); call once before benching. */
export async function prepareSupervisor(): Promise<Supervisor> {
  supervisor = await createSupervisor(SHIPPED_NODE, scratch('shipped'));
  return supervisor;
}

export function getSupervisor(): Supervisor {
  if (supervisor === undefined) throw new Error('call prepareSupervisor() first');
  return supervisor;
}

export interface Row {
  what: string;
  unit: string;
  samples: number[];
  direct: number[] | null;
  target: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const fmt = (n: number): string => (Number.isInteger(n) || Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(1));

export function renderTable(rows: readonly Row[]): string {
  const head = ['measure', 'median', 'min', 'max', 'direct median', 'ratio', 'target'];
  const body = rows.map((r) => {
    const m = median(r.samples);
    const d = r.direct === null ? null : median(r.direct);
    return [
      r.what,
      `${fmt(m)} ${r.unit}`,
      `${fmt(Math.min(...r.samples))} ${r.unit}`,
      `${fmt(Math.max(...r.samples))} ${r.unit}`,
      d === null ? '—' : `${fmt(d)} ${r.unit}`,
      d === null || d === 0 ? '—' : `${(m / d).toFixed(2)}×`,
      r.target,
    ];
  });
  const lines = [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

const scratchDirs: string[] = [];

export function scratch(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratchDirs(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A droplet with no buildpack sidecars: app/ with a Procfile, staging_info.yml. */
export function makePlainDroplet(dir: string, procfile: Record<string, string>, launchYml?: string): string {
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  const text = Object.entries(procfile).map(([type, command]) => `${type}: ${command}`);
  writeFileSync(path.join(dir, 'app', 'Procfile'), `${text.join('\n')}\n`);
  if (launchYml !== undefined) {
    mkdirSync(path.join(dir, 'deps', '0'), { recursive: true });
    writeFileSync(path.join(dir, 'deps', '0', 'launch.yml'), launchYml);
  }
  return dir;
}

export interface Started {
  child: ChildProcess;
  t0: number;
  /** resolves with performance.now() of the first stdout line matching */
  firstLine(match: (line: string) => boolean): Promise<number>;
  /** resolves with performance.now() at exit, and the code */
  exit: Promise<{ at: number; code: number | null }>;
  /** resolves once its stdout has ended too (every line counted) */
  closed: Promise<void>;
  lineCount(match: (line: string) => boolean): number;
}

export function start(file: string, args: string[], env: Record<string, string> = {}): Started {
  const t0 = performance.now();
  const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
  const waiters: Array<{ match: (line: string) => boolean; resolve: (at: number) => void }> = [];
  const counters: Array<{ match: (l: string) => boolean; n: number }> = [];
  let pending = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    const at = performance.now();
    for (const line of parts) {
      for (const c of counters) if (c.match(line)) c.n += 1;
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i];
        if (w !== undefined && w.match(line)) {
          waiters.splice(i, 1);
          w.resolve(at);
        }
      }
    }
  });
  const exit = new Promise<{ at: number; code: number | null }>((resolve) =>
    child.once('exit', (code) => resolve({ at: performance.now(), code })),
  );
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const counterFor = new Map<(l: string) => boolean, { match: (l: string) => boolean; n: number }>();
  return {
    child,
    t0,
    exit,
    closed,
    firstLine: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
    lineCount: (match) => {
      let c = counterFor.get(match);
      if (c === undefined) {
        c = { match, n: 0 };
        counterFor.set(match, c);
        counters.push(c);
      }
      return c.n;
    },
  };
}

export function startSidecars(
  args: string[],
  env: Record<string, string> = {},
  sup: Supervisor = getSupervisor(),
): Started {
  return start(sup.shim, args, env);
}

/** `sidecars ARGS` as argv, for benches that spawn it themselves. */
export function sidecarsArgv(args: string[], sup: Supervisor = getSupervisor()): string[] {
  return [sup.shim, ...args];
}

export function waitFile(file: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      try {
        const text = readFileSync(file, 'utf8');
        if (text !== '') return resolve(text);
      } catch {
        // not yet
      }
      if (Date.now() > deadline) return reject(new Error(`no ${file}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

/**
 * RSS (bytes) and CPU time (ms) of a pid, from /proc. CPU is the nanoseconds each of its threads
 * has run (task/<tid>/schedstat), not utime+stime, which the kernel counts in 10 ms ticks: a
 * 120 ms figure would move 8 % with one tick. Falls back to the ticks where schedstat is missing.
 */
export function readUsage(pid: number): { rssBytes: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  let runNs = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      runNs += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    }
  } catch {
    runNs = NaN;
  }
  if (Number.isFinite(runNs) && runNs > 0) return { rssBytes: rssKb * 1024, cpuMs: runNs / 1e6 };
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / 100 };
}
