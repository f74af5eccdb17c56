// The flags `sidecars exec` and `sidecars run` share: timings, the state API, run records, help.
import { toNonNegativeInt } from '../supervisor/cli-values.js';
import { DEFAULT_MEMORY_INTERVAL_MS } from '../supervisor/policies/memory-limit.js';
import { RECORDS_OPTIONS } from './records-flags.js';

/** parseArgs options of every supervising command, spread into each command's own table. */
export const SUPERVISE_OPTIONS = {
  'grace-ms': { type: 'string' },
  'memory-interval-ms': { type: 'string' },
  status: { type: 'string' },
  ...RECORDS_OPTIONS,
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

/** What a command prints for a flag parseArgs rejected; the command then exits 1. */
export function printUsageError(command: string, error: unknown): void {
  console.error(
    `sidecars ${command}: ${(error as Error).message}\nRun \`sidecars ${command} --help\` for usage.`,
  );
}
