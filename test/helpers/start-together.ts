// Starts N processes as close together as a test can: each is spawned as a shell that blocks on
// opening one FIFO for reading; once every shell is a few instructions from that open (each has
// written its ready file just before it), the test opens the FIFO for writing, which releases
// them all at once, and each shell then execs its command (same pid). The writer stays open until
// every command has been exec'd, so a shell that reached the open late is not left blocked.
import { spawn } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestContext } from 'node:test';

import { makeFifo } from './fifo.js';
import { collectLines, REPO_DIR, type RunningCli } from './run-sidecars.js';
import { toShippedPath } from './shipped-node.js';
import { waitFor } from './wait-for.js';

const GATE = 'touch "$1.$$"; exec 3<"$0"; exec 3<&-; shift; exec "$@"';
/** from the last ready file to the release: the shells' last steps before their open */
const SETTLE_MS = 50;

export interface Together {
  clis: RunningCli[];
  /** releases every process at once; resolves when each has exec'd its command */
  release(): Promise<void>;
}

/** Spawns one process per argv (argv[0] a file on PATH or absolute), all held until release(). */
export async function startTogether(
  t: TestContext,
  dir: string,
  argvs: readonly string[][],
  opts: { env: Record<string, string>; cwd?: string },
): Promise<Together> {
  const fifo = path.join(dir, `gate-${Date.now()}`);
  makeFifo(fifo);
  const ready = `${fifo}.ready`;
  const clis = argvs.map((argv): RunningCli => {
    const child = spawn('sh', ['-c', GATE, fifo, ready, ...argv], {
      cwd: opts.cwd ?? REPO_DIR,
      env: { PATH: toShippedPath(), ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not start ${argv.join(' ')}`);
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const lines: string[] = [];
    const stderr: string[] = [];
    if (child.stdout !== null) collectLines(child.stdout, lines);
    if (child.stderr !== null) collectLines(child.stderr, stderr);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    return { child, pid: child.pid, lines, stderr, exited, text: () => [...lines, ...stderr].join('\n') };
  });
  await waitFor(
    'every process at the gate',
    () => clis.every((cli) => existsSync(`${ready}.${cli.pid}`)),
    30_000,
  );
  await sleep(SETTLE_MS);
  return {
    clis,
    async release() {
      const writer = await open(fifo, 'w');
      try {
        await waitFor('every process past the gate', () => clis.every((cli) => !isShell(cli.pid)), 30_000);
      } finally {
        await writer.close();
      }
    },
  };
}

/** Still the gate's shell (not yet its command), and alive. */
function isShell(pid: number): boolean {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`)).endsWith('sh');
  } catch {
    return false;
  }
}
