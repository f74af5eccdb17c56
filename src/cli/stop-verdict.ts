// What `sidecars stop` (and `run --detach --wait` when it gives up) makes of how a detached run
// ended: the lines to print and the exit code. Pure.
import { EXIT } from '../common/errors.js';

/** What stop needs of the run's finished.json. */
export interface RunEnd {
  exitCode: number;
  result: string;
  /** `{"signal": SIG}`: a signal stopped it; null: a process ended first (or nothing) */
  causeSignal: string | null;
  summary: string;
}

export type StopResult =
  /** it ended on stop's SIGTERM, or had ended before (`already`) */
  | { kind: 'ended'; end: RunEnd; already: boolean }
  /** its process is gone and left no finished.json: SIGKILLed (or the machine rebooted) */
  | { kind: 'vanished'; pid: number; recordsDir: string; stopped: readonly number[] }
  /** still running --timeout seconds after SIGTERM: SIGKILLed with every process of its tree */
  | { kind: 'killed'; pid: number; timeoutS: number; killed: readonly number[] };

export interface StopVerdict {
  exitCode: number;
  message: string;
}

const pidList = (pids: readonly number[]): string => (pids.length === 0 ? '' : ` (pids ${pids.join(' ')})`);

/**
 * Exit 0 when every process was still running when the stop came (the run ended on a SIGTERM);
 * otherwise the run's own code, so a sidecar that crashed during the tests fails the job.
 */
export function toStopVerdict(result: StopResult): StopVerdict {
  switch (result.kind) {
    case 'ended': {
      const { end } = result;
      if (end.causeSignal === 'SIGTERM') {
        const when = result.already ? 'was stopped already' : 'stopped';
        return {
          exitCode: EXIT.ok,
          message: `${when}; every process was running until then (${end.summary})`,
        };
      }
      const exitCode = end.exitCode === 0 ? EXIT.failure : end.exitCode;
      return {
        exitCode,
        message: `the run had ended before stop (${end.result}, exit code ${end.exitCode}): ${end.summary}`,
      };
    }
    case 'vanished':
      return {
        exitCode: EXIT.failure,
        message:
          `the run (pid ${result.pid}) was killed before stop: it left no finished.json in ${result.recordsDir}` +
          (result.stopped.length > 0
            ? `; stopped what it left running${pidList(result.stopped)}`
            : '; nothing of it is left running'),
      };
    case 'killed':
      return {
        exitCode: EXIT.failure,
        message: `the run (pid ${result.pid}) was still running ${result.timeoutS} s after SIGTERM: killed it and its whole tree with SIGKILL${pidList(result.killed)}; it wrote no finished.json`,
      };
  }
}

/** finished.json's text → what stop needs; null if it is not one. */
export function parseRunEnd(text: string): RunEnd | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const doc = value as { result?: unknown; metadata?: Record<string, unknown> } | null;
  const meta = doc?.metadata;
  if (meta === undefined || typeof meta !== 'object' || meta === null) return null;
  const exitCode = meta['exit_code'];
  if (!Number.isInteger(exitCode) || typeof doc?.result !== 'string') return null;
  const cause = meta['cause'] as { signal?: unknown } | null | undefined;
  return {
    exitCode: exitCode as number,
    result: doc.result,
    causeSignal: typeof cause?.signal === 'string' ? cause.signal : null,
    summary: typeof meta['summary'] === 'string' ? meta['summary'] : '',
  };
}
