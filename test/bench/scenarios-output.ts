// Output under load through `exec`: one sidecar's lines (its output piped, not inherited) and
// five sidecars flooding lines as fast as they can, the supervisor's peak RSS against its idle RSS.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { PROCS, type Row, scratch, sidecarsArgv, startSidecars } from './harness.js';

const REPS = 5;
const FLOOD_SIDECARS = 5;
const FLOOD_MS = 4_000;
/** the declared default supervisor memory (sidecars.yml `supervisor.memory`) */
const DECLARED_MB = 64;
/** a realistic log line (47 bytes with its newline), repeated by `yes` as fast as the pipe takes it */
const FLOOD_LINE = 'flood 2026-01-01T00:00:00.000Z level=info n=42';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs argv with stdout to `file`; resolves with the ms it took. */
async function timeToFile(file: string, argv: string[]): Promise<number> {
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const child = spawn(argv[0] ?? 'false', argv.slice(1), { stdio: ['ignore', fd, 'ignore'] });
  await new Promise((resolve) => child.once('exit', resolve));
  closeSync(fd);
  return performance.now() - t0;
}

/**
 * 500,000 lines from one sidecar through `exec` (its output passes through unprefixed) vs the same
 * program directly, both to a file. exec exits once the sidecar has exited (fail-fast, code 1).
 */
export async function benchExecLines(): Promise<Row[]> {
  const total = 500_000;
  const command = `node ${path.join(PROCS, 'print-lines.cjs')} ${total}`;
  const dir = scratch('exec-lines');
  const config = writeExecConfig(dir, [{ name: 'printer', command, memoryMb: 256 }], 'process');
  const samples: number[] = [];
  const direct: number[] = [];
  const lost: number[] = [];
  for (let i = 0; i < REPS; i++) {
    direct.push(await timeToFile(path.join(dir, 'direct.txt'), ['bash', '-c', command]));
    const out = path.join(dir, 'exec.txt');
    samples.push(await timeToFile(out, sidecarsArgv(['exec', '--for', 'web', '--config', config])));
    const seen = new Set<number>();
    for (const line of readFileSync(out, 'utf8').split('\n'))
      if (line.startsWith('line ')) seen.add(Number(line.slice(5)));
    lost.push(total - seen.size);
  }
  return [
    {
      what: '500,000 lines through exec, 1 sidecar (to a file)',
      unit: 'ms',
      samples,
      direct,
      target: '≤ 1.25× direct',
    },
    { what: 'lines lost through exec, 1 sidecar', unit: 'lines', samples: lost, direct: null, target: '0' },
  ];
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** Steady RSS of an idle `exec` with five sidecars: the baseline the flood is compared with. */
async function idleExecRss(): Promise<number> {
  const idle = Array.from({ length: FLOOD_SIDECARS }, (_, i) => ({
    name: `idle-${i}`,
    command: 'exec sleep 1000',
    memoryMb: 16,
  }));
  const r = startSidecars([
    'exec',
    '--for',
    'web',
    '--config',
    writeExecConfig(scratch('idle'), idle, 'process'),
  ]);
  await settle(3_000);
  const rssMb = readStatusKb(r.child.pid ?? 0, 'VmRSS') / 1024;
  r.child.kill('SIGTERM');
  await r.exit;
  return rssMb;
}

/**
 * Five sidecars each running `yes LINE` for FLOOD_MS, stdout to `sink`: a pipe this bench reads
 * as fast as it can, or /dev/null. Resolves with the supervisor's peak RSS (VmHWM, sampled until
 * just before it is stopped) and the lines per second that came through.
 */
async function floodOnce(sink: 'pipe' | 'devnull'): Promise<{ peakMb: number; linesPerS: number }> {
  const flooders = Array.from({ length: FLOOD_SIDECARS }, (_, i) => ({
    name: `flood-${i}`,
    command: `exec yes '${FLOOD_LINE}'`,
    memoryMb: 64,
  }));
  const config = writeExecConfig(scratch('flood'), flooders, 'process');
  const argv = sidecarsArgv(['exec', '--for', 'web', '--config', config]);
  const devNull = sink === 'devnull' ? openSync('/dev/null', 'w') : null;
  const child = spawn(argv[0] ?? 'false', argv.slice(1), {
    stdio: ['ignore', devNull ?? 'pipe', 'ignore'],
  });
  let bytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const exited = new Promise((resolve) => child.once('close', resolve));
  const pid = child.pid ?? 0;
  let peakKb = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < FLOOD_MS) {
    await settle(50);
    const hwm = readStatusKb(pid, 'VmHWM');
    if (Number.isFinite(hwm)) peakKb = Math.max(peakKb, hwm);
  }
  const seconds = (performance.now() - t0) / 1000;
  const bytesIn = bytes;
  child.kill('SIGTERM');
  await exited;
  if (devNull !== null) closeSync(devNull);
  // the bytes read while flooding; with /dev/null nothing is counted
  return { peakMb: peakKb / 1024, linesPerS: bytesIn / (FLOOD_LINE.length + 1) / seconds };
}

/** The supervisor's peak RSS under an output flood from five sidecars, against an idle exec's. */
export async function benchFlood(): Promise<Row[]> {
  const idle = await idleExecRss();
  const rows: Row[] = [];
  for (const sink of ['pipe', 'devnull'] as const) {
    const peaks: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { peakMb, linesPerS } = await floodOnce(sink);
      peaks.push(peakMb);
      rates.push(linesPerS / 1e6);
    }
    rows.push({
      what: `exec peak RSS, ${FLOOD_SIDECARS} sidecars flooding ${FLOOD_MS / 1000} s, stdout → ${sink === 'pipe' ? 'a read pipe' : '/dev/null'} (direct: idle exec)`,
      unit: 'MB',
      samples: peaks,
      direct: [idle],
      target: `≤ ${DECLARED_MB} MB (declared)`,
    });
    if (sink === 'pipe')
      rows.push({ what: '… lines through it', unit: 'M lines/s', samples: rates, direct: null, target: '—' });
  }
  return rows;
}
