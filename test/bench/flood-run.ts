// One output flood: a supervisor (`exec`, or `run` with a nested exec) whose sidecars all write
// flat out, its stdout to a reader of a given speed; the supervisor's peak memory, read from /proc.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { getSupervisor, makePlainDroplet, scratch, sidecarsArgv } from './harness.js';

export type FloodMode = 'exec' | 'run';
export type FloodWriter = 'short lines' | 'long lines' | 'binary';
export type FloodReader = 'stalled' | 'slow' | '/dev/null' | 'file';

export interface FloodPeak {
  /** the peak RSS of the supervisor (VmHWM, the kernel's own high-water mark), MB */
  rssMb: number;
  /** the highest PSS sampled (smaps_rollup), MB */
  pssMb: number;
}

/** how long the sidecars flood, from the supervisor's start */
export const FLOOD_MS = 4_000;
/** the stalled reader reads nothing for this long, then reads as fast as it can */
const STALL_MS = 2_500;
/** the slow reader: this many bytes per tick (8 KB/s) */
const SLOW_BYTES = 2_048;
const SLOW_TICK_MS = 250;
const SAMPLE_MS = 50;

/** `yes` repeats its line as fast as the pipe takes it; a long line is 100,000 bytes of "é". */
function toCommand(writer: FloodWriter): string {
  switch (writer) {
    case 'short lines':
      return "exec yes 'flood 2026-01-01T00:00:00.000Z level=info n=42'";
    case 'long lines':
      return `exec yes "$(printf '\\303\\251%.0s' {1..50000})"`;
    case 'binary':
      return 'exec cat /dev/zero';
  }
}

function toSidecars(writer: FloodWriter, count: number) {
  const command = toCommand(writer);
  return Array.from({ length: count }, (_, i) => ({ name: `flood-${i}`, command, memoryMb: 16 }));
}

/** A droplet whose web process idles and whose one launch.yml entry is this supervisor's exec. */
function makeFloodDroplet(dir: string, writer: FloodWriter, count: number): string {
  const depDir = path.join(dir, 'deps', '0');
  mkdirSync(path.join(depDir, 'bin'), { recursive: true });
  writeExecConfig(depDir, toSidecars(writer, count), 'process');
  const sup = path.dirname(path.dirname(getSupervisor().shim));
  copyFileSync(path.join(sup, 'bin', 'sidecars'), path.join(depDir, 'bin', 'sidecars'));
  for (const link of ['lib', 'node', 'VERSION']) symlinkSync(path.join(sup, link), path.join(depDir, link));
  const launch = `processes:\n- type: sidecars-web\n  command: '"$DEPS_DIR/0/bin/sidecars" exec --for web'\n  limits: {memory: ${64 + 16 * count}}\n  platforms: {cloudfoundry: {sidecar_for: [web]}}\n`;
  return makePlainDroplet(dir, { web: 'exec sleep 1000' }, launch);
}

function readKb(file: string, field: string): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(file, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN; // gone
  }
}

/** The node processes under `root` running the supervisor (a nested `exec` under `run`). */
function findNestedExecs(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      try {
        const argv = readFileSync(`/proc/${child}/cmdline`, 'latin1').split('\0');
        if (argv.some((a) => a.endsWith('sidecars.cjs')) && argv.includes('exec')) found.push(child);
      } catch {
        // gone
      }
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** Reads `child`'s stdout as `reader` does. */
function readAs(child: ChildProcess, reader: FloodReader): () => void {
  const out = child.stdout;
  if (out === null) return () => undefined;
  if (reader === 'stalled') {
    out.pause();
    const timer = setTimeout(() => out.resume(), STALL_MS);
    return () => clearTimeout(timer);
  }
  // slow: never more than SLOW_BYTES a tick (the stream itself holds at most its 64 KiB buffer)
  out.pause();
  const timer = setInterval(() => {
    out.read(SLOW_BYTES);
  }, SLOW_TICK_MS);
  return () => {
    clearInterval(timer);
    out.resume();
  };
}

/**
 * Floods for FLOOD_MS, then stops the supervisor (SIGTERM) and waits for it to exit; the peaks
 * cover its whole life, the stop included. Under `run`, `nested` is the nested exec's.
 */
export async function runFlood(
  mode: FloodMode,
  writer: FloodWriter,
  count: number,
  reader: FloodReader,
): Promise<{ supervisor: FloodPeak; nested: FloodPeak | null }> {
  const dir = scratch('flood');
  const args =
    mode === 'exec'
      ? ['exec', '--for', 'web', '--config', writeExecConfig(dir, toSidecars(writer, count), 'process')]
      : ['run', makeFloodDroplet(path.join(dir, 'droplet'), writer, count), '--grace-ms', '2000'];
  const fd =
    reader === '/dev/null'
      ? openSync('/dev/null', 'w')
      : reader === 'file'
        ? openSync(path.join(dir, 'out'), 'w')
        : null;
  const argv = sidecarsArgv(args);
  const child = spawn(argv[0] ?? 'false', argv.slice(1), {
    stdio: ['ignore', fd ?? 'pipe', 'ignore'],
    env: { ...process.env, TMPDIR: dir },
  });
  const stopReading = fd === null ? readAs(child, reader) : () => undefined;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let ended = false;
  void exited.then(() => (ended = true));
  const pid = child.pid ?? 0;
  const peaks = new Map<number, FloodPeak>();
  const sample = (): void => {
    const pids = mode === 'run' ? [pid, ...findNestedExecs(pid)] : [pid];
    for (const p of pids) {
      const hwm = readKb(`/proc/${p}/status`, 'VmHWM');
      const pss = readKb(`/proc/${p}/smaps_rollup`, 'Pss');
      const peak = peaks.get(p) ?? { rssMb: 0, pssMb: 0 };
      if (Number.isFinite(hwm)) peak.rssMb = Math.max(peak.rssMb, hwm / 1024);
      if (Number.isFinite(pss)) peak.pssMb = Math.max(peak.pssMb, pss / 1024);
      peaks.set(p, peak);
    }
  };
  const t0 = performance.now();
  let stopping = false;
  while (!ended) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    sample();
    if (!stopping && performance.now() - t0 >= FLOOD_MS) {
      stopping = true;
      stopReading();
      child.kill('SIGTERM');
    }
  }
  await exited;
  if (fd !== null) closeSync(fd);
  const none = { rssMb: NaN, pssMb: NaN };
  const nested = [...peaks.keys()].find((p) => p !== pid);
  return {
    supervisor: peaks.get(pid) ?? none,
    nested: mode === 'run' ? (nested === undefined ? none : (peaks.get(nested) ?? none)) : null,
  };
}
