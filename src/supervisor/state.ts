/**
 * The whole state machine of one supervised process (DESIGN §3). A leaf module: imports nothing.
 * `running` = spawned; `healthy` = its own probe passed (ready is not started, as s6 says).
 * `exited` = it ended on its own; `killed` = it ended because the supervisor stopped it
 * (or it never started because the supervisor gave up on it).
 */
export type ProcessState = 'pending' | 'waiting' | 'starting' | 'running' | 'healthy' | 'exited' | 'killed';

export const PROCESS_STATES: readonly ProcessState[] = [
  'pending',
  'waiting',
  'starting',
  'running',
  'healthy',
  'exited',
  'killed',
];

export const TRANSITIONS: Readonly<Record<ProcessState, readonly ProcessState[]>> = {
  pending: ['waiting', 'starting', 'killed'],
  waiting: ['starting', 'killed'],
  starting: ['running', 'exited', 'killed'],
  running: ['healthy', 'exited', 'killed'],
  healthy: ['exited', 'killed'],
  exited: [],
  killed: [],
};

export function canTransition(from: ProcessState, to: ProcessState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(state: ProcessState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** True while a child process may exist for this state. */
export function isLive(state: ProcessState): boolean {
  return state === 'starting' || state === 'running' || state === 'healthy';
}

/** Thrown only on a supervisor bug. Kept local so this module imports nothing. */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  readonly code = 'invariant';
}

export function assertTransition(name: string, from: ProcessState, to: ProcessState): void {
  if (!canTransition(from, to)) {
    throw new IllegalTransitionError(`${name}: cannot go from ${from} to ${to}`);
  }
}
