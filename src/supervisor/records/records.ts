// Run records after Prow's pod utilities: started.json, finished.json and one exit marker per
// process. Pure: builds the JSON from what the supervisor knows. Environment values are never
// part of a record: commands are recorded as written in the config (ProcessSpec.record).
import { constants } from 'node:os';

import { toSignalExitCode } from '../../common/errors.js';
import type { ProcessSpec } from '../model/process-spec.js';
import { BYTES_PER_MB } from '../model/tree-sample.js';
import { toNestedName } from '../core/nested-end.js';
import type { NestedProcess, ProcessResult } from '../model/process-result.js';
import type { RunOutcome, StopCause } from '../model/run-outcome.js';

export const STARTED_FILE = 'started.json';
export const FINISHED_FILE = 'finished.json';

/** What a run was started from, for started.json. */
export interface RunSource {
  /** the supervisor (buildpack) version */
  version: string;
  mode: 'exec' | 'run';
  /** the runtime config file (`exec`) or the droplet dir (`run`) */
  config?: string;
  droplet?: string;
  /** where its records go in the store (when they are uploaded) */
  run?: RunIdentity;
}

/** A run as the store knows it: PREFIX/<app>/<process_type>-<instance_index>/<id>/ */
export interface RunIdentity {
  id: string;
  app: string;
  process_type: string;
  instance_index: number;
}

export interface StartedRecord {
  timestamp: number;
  metadata: {
    version: string;
    mode: 'exec' | 'run';
    config?: string;
    droplet?: string;
    run?: RunIdentity;
    processes: Array<{
      name: string;
      type: 'process' | 'sidecar';
      command: string;
      memory_limit_mb: number | null;
    }>;
  };
}

export type RunResult = 'SUCCESS' | 'FAILURE' | 'ABORTED';

/** One process in finished.json; a nested exec's own finished.json is read back in this shape. */
export type FinishedProcess = NestedProcess;

export interface FinishedRecord {
  timestamp: number;
  passed: boolean;
  result: RunResult;
  metadata: {
    exit_code: number;
    /**
     * the process whose end stopped the run (with `entry`: a sidecar of that nested exec), or the
     * signal the supervisor received
     */
    cause: { process: string; entry?: string } | { signal: NodeJS.Signals } | null;
    summary: string;
    processes: Record<string, FinishedProcess>;
  };
}

/** epoch ms → epoch seconds (whole, as Prow's `timestamp`) */
export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** epoch ms → epoch seconds with millisecond precision (per-process times) */
export function toPreciseSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** bytes → MB with one decimal; null stays null (never sampled is not 0) */
export function toMb(bytes: number | null): number | null {
  return bytes === null ? null : Math.round((bytes / BYTES_PER_MB) * 10) / 10;
}

export function toStartedRecord(
  nowMs: number,
  source: RunSource,
  specs: readonly ProcessSpec[],
): StartedRecord {
  return {
    timestamp: toEpochSeconds(nowMs),
    metadata: {
      version: source.version,
      mode: source.mode,
      ...(source.config !== undefined ? { config: source.config } : {}),
      ...(source.droplet !== undefined ? { droplet: source.droplet } : {}),
      ...(source.run !== undefined ? { run: source.run } : {}),
      processes: specs.map((spec) => ({
        name: spec.name,
        type: spec.record?.type ?? 'sidecar',
        command: spec.record?.command ?? spec.command,
        memory_limit_mb: spec.memoryLimitBytes === null ? null : toMb(spec.memoryLimitBytes),
      })),
    },
  };
}

/** SIGTERM/SIGINT to the supervisor → ABORTED; exit code 0 → SUCCESS; anything else → FAILURE. */
export function toRunResult(cause: StopCause | null, exitCode: number): RunResult {
  if (cause?.kind === 'signal') return 'ABORTED';
  return exitCode === 0 ? 'SUCCESS' : 'FAILURE';
}

/**
 * One process in finished.json; `restarts` (every run that ended and was restarted: exit code,
 * signal, reason, epoch seconds, back-off) only when it was restarted.
 */
export function toFinishedProcess(result: ProcessResult): FinishedProcess {
  return {
    exit_code: result.exitCode,
    signal: result.signal,
    reason: result.reason,
    forced: result.forced,
    peak_rss_mb: toMb(result.peakRssBytes),
    started_at: result.startedAt === null ? null : toPreciseSeconds(result.startedAt),
    finished_at: toPreciseSeconds(result.endedAt),
    detail: result.detail,
    ...(result.restarts === undefined || result.restarts.length === 0
      ? {}
      : { restarts: result.restarts.map((r) => ({ ...r, at: toPreciseSeconds(r.at) })) }),
    ...(result.lastRunReason === undefined ? {} : { last_run_reason: result.lastRunReason }),
  };
}

/** Who ended first: a process of this supervisor, or (`entry`) the sidecar a nested exec named. */
export function toCauseRecord(
  cause: StopCause | null,
  results: readonly ProcessResult[],
): FinishedRecord['metadata']['cause'] {
  if (cause === null) return null;
  if (cause.kind === 'signal') return { signal: cause.signal };
  const nested = results.find((r) => r.name === cause.name)?.nested;
  if (nested === undefined || nested.first === null) return { process: cause.name };
  return { process: nested.first, entry: cause.name };
}

/** Every process by name, each nested exec's sidecars right after it as `<entry>/<name>`. */
export function toFinishedProcesses(results: readonly ProcessResult[]): Record<string, FinishedProcess> {
  const out: Record<string, FinishedProcess> = {};
  for (const result of results) {
    out[result.name] = toFinishedProcess(result);
    for (const [name, proc] of Object.entries(result.nested?.processes ?? {})) {
      out[toNestedName(result.name, name)] = proc;
    }
  }
  return out;
}

export function toFinishedRecord(nowMs: number, outcome: RunOutcome): FinishedRecord {
  const result = toRunResult(outcome.cause, outcome.exitCode);
  return {
    timestamp: toEpochSeconds(nowMs),
    passed: result === 'SUCCESS',
    result,
    metadata: {
      exit_code: outcome.exitCode,
      cause: toCauseRecord(outcome.cause, outcome.results),
      summary: outcome.summary,
      processes: toFinishedProcesses(outcome.results),
    },
  };
}

/**
 * The content of `<name>.exit` (Prow's marker file): the process's exit code; 128+signo if a
 * signal ended it; 1 if it never ran (gate timeout, spawn failure, stopped while waiting).
 */
export function toExitMarker(result: ProcessResult): string {
  if (result.exitCode !== null) return `${result.exitCode}\n`;
  if (result.signal !== null) return `${toSignalExitCode(constants.signals[result.signal])}\n`;
  return '1\n';
}

/** Record file names are process names: refuse anything that could leave the artifacts dir. */
export function toRecordFileBase(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
