import { constants } from 'node:os';

import { EXIT, toSignalExitCode } from '../../common/errors.js';
import type { StopCause } from '../model/run-outcome.js';
import { toNestedName, toNestedResult } from './nested-end.js';
import type { ProcessResult } from '../model/process-result.js';

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal];
}

/**
 * The one exit-code rule (STYLE §3.6): a signal to the supervisor → 128+signo; else the process
 * that died first decides: its non-zero code, 128+signo for a signal death (137 after an OOM
 * kill), 1 for an exit 0 or a supervisor-originated failure (gate timeout, unhealthy, spawn). A
 * sidecar whose restart budget is spent decides it with its last run's exit.
 */
export function toExitCode(cause: StopCause | null, results: readonly ProcessResult[]): number {
  if (cause?.kind === 'signal') return toSignalExitCode(signalNumber(cause.signal));
  const first = cause?.kind === 'process' ? results.find((r) => r.name === cause.name) : results[0];
  if (first === undefined) return EXIT.failure;
  switch (first.reason) {
    case 'gate_timeout':
    case 'unhealthy':
    case 'spawn_failed':
      return EXIT.failure;
    case 'restart_budget_exhausted':
      // its last run decides, as if it had been the first: 1 after a health check failed
      if (first.lastRunReason === 'unhealthy') return EXIT.failure;
      return toStatusExitCode(first);
    case 'exited':
    case 'signal':
    case 'oom':
    case 'stopped':
      return toStatusExitCode(first);
  }
}

/** 128+signo for a signal death, the code if non-zero, else 1 (an exit 0 still fails the run). */
function toStatusExitCode(first: ProcessResult): number {
  if (first.signal !== null) return toSignalExitCode(signalNumber(first.signal));
  if (first.exitCode !== null && first.exitCode !== 0) return first.exitCode;
  return EXIT.failure;
}

/** "web exited with code 3" / "metrics was killed: it exceeded its memory limit …" */
export function toEndDescription(result: ProcessResult): string {
  const status =
    result.signal !== null
      ? `signal ${result.signal}`
      : result.exitCode !== null
        ? `code ${result.exitCode}`
        : null;
  switch (result.reason) {
    case 'exited':
      return `${result.name} exited with ${status ?? 'no status'}`;
    case 'signal':
      return `${result.name} was killed by ${status ?? 'a signal'}`;
    case 'oom':
      return `${result.name} was killed: ${result.detail ?? 'it exceeded its memory limit'}`;
    case 'gate_timeout':
    case 'unhealthy':
      return `${result.name} was stopped: ${result.detail ?? result.reason}`;
    case 'restart_budget_exhausted':
      return `${result.name} was not restarted again: ${result.detail ?? 'max_restarts spent'}`;
    case 'spawn_failed':
      return `${result.name} could not be started: ${result.detail ?? 'spawn failed'}`;
    case 'stopped':
      return `${result.name} was stopped${status !== null ? ` (${status})` : ''}`;
  }
}

/** The sidecar a nested exec names as the one that ended first, if it names one. */
function toNestedFirst(result: ProcessResult): ProcessResult | null {
  const nested = result.nested;
  if (nested === undefined || nested.first === null) return null;
  const first = nested.processes[nested.first];
  return first === undefined ? null : toNestedResult(nested.first, first);
}

/**
 * What ended `result`: itself, or for a nested exec that a sidecar of its own stopped, that sidecar
 * (`crasher exited with code 3 (sidecars-web)`; the entry is left out when it has the sidecar's name).
 */
export function toFirstDescription(result: ProcessResult): string {
  const first = toNestedFirst(result);
  if (first === null) return toEndDescription(result);
  const description = toEndDescription(first);
  return result.name === first.name ? description : `${description} (${result.name})`;
}

/** The processes a result stands for: itself, or a nested exec's sidecars (`<entry>/<name>`). */
function toLeafNames(result: ProcessResult): string[] {
  const names = Object.keys(result.nested?.processes ?? {});
  return names.length === 0 ? [result.name] : names.map((name) => toNestedName(result.name, name));
}

/** Who needed a SIGKILL after the grace period: processes, and the sidecars of nested execs. */
function toForcedNames(result: ProcessResult): string[] {
  const nested = Object.entries(result.nested?.processes ?? {})
    .filter(([, proc]) => proc.forced)
    .map(([name]) => toNestedName(result.name, name));
  return result.forced ? [result.name, ...nested] : nested;
}

/** The one-line summary printed when the supervisor ends: who ended first, and why. */
export function toSummary(cause: StopCause | null, results: readonly ProcessResult[]): string {
  const all = results.flatMap(toLeafNames).length;
  const forced = results.flatMap(toForcedNames);
  const tail = forced.length > 0 ? `; killed after the grace period: ${forced.join(', ')}` : '';
  if (cause?.kind === 'signal') return `received ${cause.signal}: stopped ${all} process(es)${tail}`;
  const first = cause?.kind === 'process' ? results.find((r) => r.name === cause.name) : results[0];
  if (first === undefined) return `nothing ran${tail}`;
  // a nested exec's first sidecar ended on its own; the others of that exec were stopped
  const others = all - (toNestedFirst(first) !== null ? 1 : toLeafNames(first).length);
  return `${toFirstDescription(first)}${others > 0 ? `; stopped ${others} other process(es)` : ''}${tail}`;
}
