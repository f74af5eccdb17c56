/**
 * The whole state machine of one supervised process (DESIGN §3). A leaf module: imports nothing.
 * `running` = spawned; `healthy` = its own probe passed (ready is not started, as s6 says).
 * `exited` = it ended on its own; `killed` = it ended because the supervisor stopped it
 * (or it never started because the supervisor gave up on it).
 * `restarting` = its last run ended and it will be started again (a sidecar's `restart` policy, or
 * `sidecars restart`): no child exists while it waits out its back-off. The run that ended goes
 * straight from `running`/`healthy` to `restarting` (its exit is on that event), so `exited` and
 * `killed` stay final: only they end a process, and only they make fail-fast stop the others.
 */
export type ProcessState =
  'pending' | 'waiting' | 'starting' | 'running' | 'healthy' | 'restarting' | 'exited' | 'killed';

export const PROCESS_STATES: readonly ProcessState[] = [
  'pending',
  'waiting',
  'starting',
  'running',
  'healthy',
  'restarting',
  'exited',
  'killed',
];

export const TRANSITIONS: Readonly<Record<ProcessState, readonly ProcessState[]>> = {
  pending: ['waiting', 'starting', 'killed'],
  waiting: ['starting', 'killed'],
  starting: ['running', 'exited', 'killed'],
  running: ['healthy', 'restarting', 'exited', 'killed'],
  healthy: ['restarting', 'exited', 'killed'],
  // stopped during its back-off → killed at once; its next run → starting
  restarting: ['starting', 'killed'],
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
