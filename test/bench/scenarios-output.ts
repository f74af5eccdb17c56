// Output under load through `exec`: one sidecar's lines (its output piped, not inherited) and the
// rate of five sidecars flooding lines as fast as they can (their memory: flood.ts).
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { PROCS, type Row, scratch, sidecarsArgv } from './harness.js';

const REPS = 5;
const FLOOD_SIDECARS = 5;
const FLOOD_MS = 4_000;
/** a realistic log line (47 bytes with its newline), repeated by `yes` as fast as the pipe takes it */
const FLOOD_LINE = 'flood 2026-01-01T00:00:00.000Z level=info n=42';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs argv with stdout to `file` (stderr dropped) under a bash that reports, with `times`, the CPU
 * its children used: the whole tree's, supervisor and sidecar (or the program alone, run directly).
 */
async function timeToFile(file: string, argv: string[]): Promise<{ ms: number; cpuMs: number }> {
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const child = spawn('bash', ['-c', '"$@" 2>/dev/null; times >&2', 'bash', ...argv], {
    stdio: ['ignore', fd, 'pipe'],
  });
  let times = '';
  child.stderr?.on('data', (chunk: Buffer) => (times += chunk.toString()));
  await new Promise((resolve) => child.once('close', resolve));
  const ms = performance.now() - t0;
  closeSync(fd);
  // `times`: the shell's own user and system time, then its children's: "0m1.234s 0m0.567s"
  const seconds = [...(times.trim().split('\n')[1] ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return { ms, cpuMs: seconds.reduce((sum, s) => sum + s, 0) * 1000 };
}

/**
 * 500,000 lines from one sidecar through `exec` (its output passes through unprefixed) vs the same
 * program directly, both to a file. exec exits once the sidecar has exited (fail-fast, code 1).
 */
export async function benchExecLines(): Promise<Row[]> {
  const total = 500_000;
  // 80-byte lines, one write(2) each, as the peer benchmark's `throughput` writes them
  const command = `perl ${path.join(PROCS, 'spam-lines.pl')} ${total}`;
  const dir = scratch('exec-lines');
  const config = writeExecConfig(dir, [{ name: 'printer', command, memoryMb: 256 }], 'process');
  const samples: number[] = [];
  const direct: number[] = [];
  const cpu: number[] = [];
  const directCpu: number[] = [];
  const lost: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const alone = await timeToFile(path.join(dir, 'direct.txt'), ['bash', '-c', command]);
    direct.push(alone.ms);
    directCpu.push(alone.cpuMs);
    const out = path.join(dir, 'exec.txt');
    const exec = await timeToFile(out, sidecarsArgv(['exec', '--for', 'web', '--config', config]));
    samples.push(exec.ms);
    cpu.push(exec.cpuMs);
    const seen = new Set<number>();
    for (const line of readFileSync(out, 'utf8').split('\n'))
      if (line.endsWith(' BENCH ' + 'x'.repeat(63))) seen.add(Number(line.slice(0, 9)));
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
    {
      // steadier than the time on a shared machine, where every CPU ms the supervisor spends slows the child
      what: '… CPU of exec and its sidecar for them (the program alone, direct)',
      unit: 'ms',
      samples: cpu,
      direct: directCpu,
      target: '—',
    },
    { what: 'lines lost through exec, 1 sidecar', unit: 'lines', samples: lost, direct: null, target: '0' },
  ];
}

/**
 * Lines per second through `exec` from five sidecars each running `yes LINE`, stdout to a pipe
 * this bench reads as fast as it can (its peak memory: the flood matrix, flood.ts).
 */
async function floodRate(): Promise<number> {
  const flooders = Array.from({ length: FLOOD_SIDECARS }, (_, i) => ({
    name: `flood-${i}`,
    command: `exec yes '${FLOOD_LINE}'`,
    memoryMb: 64,
  }));
  const config = writeExecConfig(scratch('flood'), flooders, 'process');
  const argv = sidecarsArgv(['exec', '--for', 'web', '--config', config]);
  const child = spawn(argv[0] ?? 'false', argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
  let bytes = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const exited = new Promise((resolve) => child.once('close', resolve));
  const t0 = performance.now();
  await settle(FLOOD_MS);
  const seconds = (performance.now() - t0) / 1000;
  const bytesIn = bytes;
  child.kill('SIGTERM');
  await exited;
  return bytesIn / (FLOOD_LINE.length + 1) / seconds;
}

/** The rate of lines five flooding sidecars get through exec into a pipe read as fast as it can. */
export async function benchFloodRate(): Promise<Row> {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) rates.push((await floodRate()) / 1e6);
  return {
    what: `lines through exec, ${FLOOD_SIDECARS} sidecars flooding ${FLOOD_MS / 1000} s into a read pipe`,
    unit: 'M lines/s',
    samples: rates,
    direct: null,
    target: '—',
  };
}
