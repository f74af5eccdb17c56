import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SHIPPED_NODE, toShippedPath } from './shipped-node.js';

/** The repository root (this file is dist/test/helpers/run-sidecars.js once built). */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SIDECARS_JS = path.join(REPO_DIR, 'dist/src/cli/sidecars.js');
export const PROCS_DIR = path.join(REPO_DIR, 'fixtures/procs');

/** A running `sidecars` CLI with its output collected line by line. */
export interface RunningCli {
  child: ChildProcess;
  pid: number;
  lines: string[];
  stderr: string[];
  /** resolves with the exit code (128+signo if a signal killed it) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  text(): string;
}

/** Splits a stream's text into `into`, one entry per line, the unterminated last line at its end. */
export function collectLines(stream: NodeJS.ReadableStream, into: string[]): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    into.push(...parts);
  });
  stream.on('end', () => {
    if (pending !== '') into.push(pending);
  });
}

/**
 * Starts `sidecars ARGS` (dist/src/cli/sidecars.js) on the shipped Node.js with exactly `env`, plus
 * a PATH whose `node` is that Node.js too (unless `env` sets PATH).
 */
export function startSidecars(
  args: string[],
  opts: { env: Record<string, string>; cwd?: string },
): RunningCli {
  const child = spawn(SHIPPED_NODE, [SIDECARS_JS, ...args], {
    cwd: opts.cwd ?? REPO_DIR,
    env: { PATH: toShippedPath(), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  if (child.stdout !== null) collectLines(child.stdout, lines);
  if (child.stderr !== null) collectLines(child.stderr, stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid === undefined) throw new Error('could not start sidecars');
  return { child, pid: child.pid, lines, stderr, exited, text: () => [...lines, ...stderr].join('\n') };
}

/** The supervisor's own JSON log records (lines that parse as JSON objects with an `event`). */
export function readEvents(lines: readonly string[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const line of lines) {
    const start = line.indexOf('{"');
    if (start < 0) continue;
    try {
      const record = JSON.parse(line.slice(start)) as Record<string, unknown>;
      if (typeof record['event'] === 'string') out.push(record);
    } catch {
      // a child's own output
    }
  }
  return out;
}
