import { spawn } from 'node:child_process';
import path from 'node:path';

import { REPO_DIR } from './run-sidecars.js';
import { SHIPPED_NODE, toShippedPath } from './shipped-node.js';

/** dist/src/cli/status.js, called directly (the `status` line of sidecars.ts is the lead's). */
export const STATUS_JS = path.join(REPO_DIR, 'dist/src/cli/status.js');

const SCRIPT = `const m = await import(process.argv[1]); process.exitCode = await m.main(process.argv.slice(2));`;

export interface StatusRun {
  pid: number;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function lines(stream: NodeJS.ReadableStream | null, into: string[]): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    into.push(...parts);
  });
  stream?.on('end', () => {
    if (pending !== '') into.push(pending);
  });
}

/** Runs `sidecars status ARGS` on the shipped Node.js with exactly `env` (plus PATH). */
export function startStatus(args: string[], env: Record<string, string>): StatusRun {
  const child = spawn(SHIPPED_NODE, ['--input-type=module', '-e', SCRIPT, STATUS_JS, ...args], {
    env: { PATH: toShippedPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start status');
  const stdout: string[] = [];
  const stderr: string[] = [];
  lines(child.stdout, stdout);
  lines(child.stderr, stderr);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { pid: child.pid, stdout, stderr, exited };
}
