// What `sidecars run --detach` leaves in the droplet for `sidecars stop` and `sidecars logs`:
// <droplet>/tmp/.sidecars-detached.json names the detached run (its pid and start time, so that a
// later process of the same pid is never taken for it), its records dir, the file its output goes
// to, and its state API. Written by the command that detached it; kept after the run ends, so
// that `stop` and `logs` still find the records; replaced by the next `run --detach`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { createHolderProbe, isHolderAlive } from '../claim/claim-holder.js';
import { readBootId, readStartTicks } from '../claim/start-time.js';
import { SidecarError } from '../../common/errors.js';

export const DETACHED_RUN_NAME = '.sidecars-detached.json';
/** The detached run's stdout and stderr, in its records dir (no record is named *.out). */
export const DETACHED_OUTPUT_NAME = 'run.out';
export const MIN_STOP_TIMEOUT_MS = 30_000;
/** beyond the run's grace period: its records, its upload (bounded on its own), its exit */
const STOP_DRAIN_MS = 20_000;

export interface DetachedRun {
  version: 1;
  pid: number;
  /** /proc/<pid>/stat start time; null where there is no /proc */
  startTicks: number | null;
  bootId: string | null;
  recordsDir: string;
  output: string;
  /** the state API address as `--status` takes it */
  status: string;
  startedAt: number;
  /** the run's --grace-ms: stop's default timeout allows for it */
  graceMs: number;
}

/** How long `stop` waits after SIGTERM by default: 30 s, or the run's grace period and 20 s more. */
export function toDefaultStopTimeoutMs(run: Pick<DetachedRun, 'graceMs'>): number {
  return Math.max(MIN_STOP_TIMEOUT_MS, run.graceMs + STOP_DRAIN_MS);
}

export function toDetachedRunFile(dropletDir: string): string {
  return path.join(dropletDir, 'tmp', DETACHED_RUN_NAME);
}

export function writeDetachedRun(dropletDir: string, run: DetachedRun): void {
  const file = toDetachedRunFile(dropletDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(run, null, 2)}\n`);
  renameSync(tmp, file);
}

/** The text of the file → the run; null for anything else (another version, not ours). */
export function parseDetachedRun(text: string): DetachedRun | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const run = value as Partial<DetachedRun> | null;
  if (run?.version !== 1 || !Number.isInteger(run.pid)) return null;
  if (typeof run.recordsDir !== 'string' || typeof run.output !== 'string') return null;
  if (typeof run.status !== 'string' || typeof run.startedAt !== 'number') return null;
  if (!Number.isInteger(run.graceMs)) return null;
  if (run.startTicks !== null && !Number.isInteger(run.startTicks)) return null;
  if (run.bootId !== null && typeof run.bootId !== 'string') return null;
  return run as DetachedRun;
}

/** The droplet's detached run, as its file says; null when there is none (or it is not ours). */
export function readDetachedRun(dropletDir: string): DetachedRun | null {
  try {
    return parseDetachedRun(readFileSync(toDetachedRunFile(dropletDir), 'utf8'));
  } catch {
    return null;
  }
}

/** The detached run of `dropletDir`, or a usage error that says how to start one. */
export function requireDetachedRun(dropletDir: string): DetachedRun {
  const run = readDetachedRun(dropletDir);
  if (run !== null) return run;
  throw new SidecarError(
    'usage',
    `no detached run of ${dropletDir} (no ${toDetachedRunFile(dropletDir)})`,
    'Start one with `sidecars run DROPLET_DIR --detach`.',
  );
}

/** This machine's stamp of `pid`, for the file. */
export function toPidStamp(pid: number): Pick<DetachedRun, 'pid' | 'startTicks' | 'bootId'> {
  return { pid, startTicks: readStartTicks(pid), bootId: readBootId() };
}

/** True while the run's own process is alive: same boot, same pid, same start time (as a claim's holder). */
export function isDetachedRunAlive(run: DetachedRun): boolean {
  const { pid, startTicks, bootId } = run;
  return isHolderAlive({ pid, startTicks, bootId, by: 'sidecars run' }, createHolderProbe());
}
