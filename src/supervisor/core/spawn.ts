import { existsSync } from 'node:fs';
import { getDefaultHighWaterMark, type Readable, setDefaultHighWaterMark } from 'node:stream';

import type { OutputRoute } from '../model/output-route.js';
import { spawnBashCommand } from './bash-launch.js';
import { ENV_REPORT_FD, readEnvReport, writeWhenReady } from './env-report.js';
import { NESTED_READY_FD } from './nested-ready.js';
import { pipeLines } from './pipe-lines.js';
import { readSidePipe } from './side-pipe.js';

export interface SpawnOpts {
  cwd: string;
  env: Readonly<Record<string, string>>;
  output: OutputRoute;
}

export type ChildExit =
  | { kind: 'exit'; exitCode: number | null; signal: NodeJS.Signals | null }
  | { kind: 'error'; message: string };

export interface ChildHandle {
  pid: number | undefined;
  /** resolves when the child process itself ends (not when its pipes close) */
  exited: Promise<ChildExit>;
  /** resolves when all its routed output has been written */
  outputDone: Promise<void>;
  /**
   * Stops reading its output pipes: a descendant that outlived the tree's stop (a daemon that
   * detached and kept the write end open) must not keep the supervisor's event loop alive.
   */
  closeOutput(): void;
}

/**
 * The real spawner: `bash -c COMMAND` as the platform runs it (a plain command exec'd as bash would
 * exec it: bash-launch.ts), in its own session and process group (so the whole tree can be
 * signalled), stdin closed. node:child_process is used directly rather than execa: execa adds
 * ~4 MB to the supervisor's RSS, which users pay for in launch.yml.
 */
export function spawnCommand(command: string, opts: SpawnOpts): ChildHandle {
  const { reportEnv, onReady } = opts.output;
  const stdio: Array<'ignore' | 'pipe'> = ['ignore', 'pipe', 'pipe'];
  if (reportEnv !== undefined) stdio[ENV_REPORT_FD] = 'pipe';
  if (onReady !== undefined) {
    stdio[ENV_REPORT_FD] ??= 'ignore';
    stdio[NESTED_READY_FD] = 'pipe';
  }
  const child = withNoReadAhead(() =>
    spawnBashCommand(command, { cwd: opts.cwd, env: opts.env, detached: true, stdio }),
  );
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (exitCode, signal) => resolve({ kind: 'exit', exitCode, signal }));
    child.once('error', (error) => resolve({ kind: 'error', message: toSpawnError(error, opts.cwd) }));
  });
  const ready = onReady === undefined ? null : (child.stdio[NESTED_READY_FD] as Readable | null | undefined);
  // ready: its first byte, its end, or the command's exit (no pipe: at once)
  if (onReady !== undefined) readSidePipe(ready ?? null, exited, () => true, onReady);
  const report = child.stdio[ENV_REPORT_FD] as Readable | null | undefined;
  const reported = reportEnv === undefined || !report ? null : readEnvReport(report, exited, reportEnv);
  let outputDone = Promise.resolve();
  if (child.stdout !== null && child.stderr !== null) {
    const { stdout, stderr, record } = opts.output;
    // the log waits for the environment report (run's launcher, after profile.d): its secrets
    const write = record === undefined || reported === null ? record : writeWhenReady(reported, record);
    outputDone = Promise.all([
      pipeLines(child.stdout, stdout.sink, stdout.prefix, { record: write, release: true }),
      pipeLines(child.stderr, stderr.sink, stderr.prefix, { record: write, release: true }),
    ]).then(() => undefined);
  }
  const closeOutput = (): void => {
    child.stdout?.destroy();
    child.stderr?.destroy();
    report?.destroy();
    ready?.destroy();
  };
  return { pid: child.pid, exited, outputDone, closeOutput };
}

/**
 * Runs `create` with a highWaterMark of 0 for the streams it creates (a child's stdout and stderr
 * pipes, made inside spawn()): such a stream reads its pipe only when asked (pipeLines), a chunk
 * at a time, so a child whose output waits for a slow reader costs the supervisor at most the
 * chunk last asked for; with Node.js's default (64 KiB), up to two 64 KiB chunks read ahead.
 */
function withNoReadAhead<T>(create: () => T): T {
  const previous = getDefaultHighWaterMark(false);
  setDefaultHighWaterMark(false, 0);
  try {
    return create();
  } finally {
    setDefaultHighWaterMark(false, previous);
  }
}

/** Node says `spawn bash ENOENT` both for a missing bash and for a missing working directory. */
function toSpawnError(error: NodeJS.ErrnoException, cwd: string): string {
  if (error.code === 'ENOENT' && !existsSync(cwd))
    return `its working directory ${cwd} does not exist (any more)`;
  return error.message;
}
