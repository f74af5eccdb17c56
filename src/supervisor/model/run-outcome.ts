// How a whole run ended: why the supervisor stopped, every process's result, the exit code and its summary.
import type { ProcessResult } from './process-result.js';

/** Why the supervisor is shutting everything down. */
export type StopCause = { kind: 'process'; name: string } | { kind: 'signal'; signal: NodeJS.Signals };

export interface RunOutcome {
  results: ProcessResult[];
  cause: StopCause | null;
  exitCode: number;
  summary: string;
}
