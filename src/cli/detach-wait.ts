// `run --detach --wait`: one look at the run in the background, and what to do next. Pure.
import { checkWait } from '../supervisor/api/wait-state.js';
import type { StateBody } from '../supervisor/model/process-view.js';

export type WaitStep =
  | { kind: 'ready' }
  /** the run ended (its process exited, or its state API says finished) */
  | { kind: 'ended' }
  /** each process that is not healthy, with what was last seen of it */
  | { kind: 'timeout'; notHealthy: string[] }
  | { kind: 'wait' };

export interface WaitLook {
  /** the run's last answer to GET /state; null while it never answered (not listening yet) */
  body: StateBody | null;
  /** every process to wait for (run-process-names.ts) */
  names: readonly string[];
  runEnded: boolean;
  timedOut: boolean;
}

const NO_ANSWER = "no answer from the run's state API";

export function toWaitStep(look: WaitLook): WaitStep {
  const { body, names } = look;
  if (look.runEnded || body?.finished === true) return { kind: 'ended' };
  if (body !== null && checkWait([body], names).ready) return { kind: 'ready' };
  if (!look.timedOut) return { kind: 'wait' };
  if (body === null) return { kind: 'timeout', notHealthy: names.map((name) => `${name} (${NO_ANSWER})`) };
  const notHealthy: string[] = [];
  for (const name of names) {
    const check = checkWait([body], [name]);
    const seen = check.seen.get(name) ?? '';
    if (!check.ready) notHealthy.push(`${name} (${seen.startsWith('not found') ? 'not started yet' : seen})`);
  }
  return { kind: 'timeout', notHealthy };
}
