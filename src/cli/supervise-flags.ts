// The flags `sidecars exec` and `sidecars run` share: timings, the state API, run records, help.
import { toNonNegativeInt } from './cli-values.js';
import {
  canReadProcTrees,
  parseProcessPathSetting,
  PROCESS_PATH_ENV,
  toProcessPath,
} from '../supervisor/proc/process-path.js';
import type { ProcessPath } from '../supervisor/proc/tree-source.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../supervisor/policies/memory-limit.js';
import { RECORDS_OPTIONS } from './records-flags.js';
import { LOG_FORMAT_OPTIONS } from './log-format.js';

/** parseArgs options of every supervising command, spread into each command's own table. */
export const SUPERVISE_OPTIONS = {
  'grace-ms': { type: 'string' },
  'memory-interval-ms': { type: 'string' },
  status: { type: 'string' },
  ...RECORDS_OPTIONS,
  ...LOG_FORMAT_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

/** --grace-ms (default: the command's own) and --memory-interval-ms (0 means as often as possible: 1 ms). */
export function toSuperviseTimings(
  values: { 'grace-ms'?: string | undefined; 'memory-interval-ms'?: string | undefined },
  defaultGraceMs: number,
): { graceMs: number; memoryIntervalMs: number } {
  return {
    graceMs: toNonNegativeInt(values['grace-ms'], defaultGraceMs, '--grace-ms'),
    memoryIntervalMs:
      toNonNegativeInt(values['memory-interval-ms'], DEFAULT_MEMORY_INTERVAL_MS, '--memory-interval-ms') || 1,
  };
}

/** The process path SIDECARS_PROCESS_PATH asks for, on this system; a usage error for a bad value. */
export function toProcessPathOption(env: NodeJS.ProcessEnv): ProcessPath {
  return toProcessPath(parseProcessPathSetting(env[PROCESS_PATH_ENV]), canReadProcTrees());
}

/** The environment section of a supervising command's help. */
export function toProcessPathHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    'Environment:',
    `  ${PROCESS_PATH_ENV}=auto|proc|portable`,
    `${pad}how process trees are read, measured and stopped: auto (default):`,
    `${pad}/proc where Linux lists children, else portable: ps, pidusage and`,
    `${pad}tree-kill (macOS, the BSDs; the RSS sum alone decides a memory limit)`,
  ].join('\n');
}

/** What a command prints for a flag parseArgs rejected; the command then exits 1. */
export function printUsageError(command: string, error: unknown): void {
  console.error(
    `sidecars ${command}: ${(error as Error).message}\nRun \`sidecars ${command} --help\` for usage.`,
  );
}
