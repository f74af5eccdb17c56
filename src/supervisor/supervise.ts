import { realClock } from '../common/clock.js';
import { createEventBus, type EventBus } from './events.js';
import { createTreeControl } from './kill-tree.js';
import type { Logger } from 'pino';
import type { ProcessSpec } from './managed-process.js';
import type { Policy } from './policy.js';
import { failFast } from './policies/fail-fast.js';
import { createForwardSignals } from './policies/forward-signals.js';
import { killOnExit } from './policies/kill-on-exit.js';
import { createLogEvents } from './policies/log-events.js';
import { createMemoryLimit } from './policies/memory-limit.js';
import { spawnCommand } from './spawn.js';
import { holdStopSignals } from './stop-signals.js';
import { type RunOutcome, runSupervisor } from './supervisor.js';

export const DEFAULT_GRACE_MS = 8_000;

export interface SuperviseOptions {
  specs: readonly ProcessSpec[];
  graceMs: number;
  memoryIntervalMs: number;
  logger: Logger;
  bus?: EventBus;
  /** attached after the built-in ones (the state API, run records) */
  extraPolicies?: readonly Policy[];
}

/** The real wiring shared by `exec` and `run`: real spawner, clock, /proc, held signals, pino. */
export function supervise(opts: SuperviseOptions): Promise<RunOutcome> {
  return runSupervisor({
    specs: opts.specs,
    graceMs: opts.graceMs,
    deps: {
      spawner: spawnCommand,
      clock: realClock,
      bus: opts.bus ?? createEventBus(),
      openTree: (pid, exited) => createTreeControl(pid, realClock, exited),
    },
    policies: [
      createLogEvents(opts.logger),
      killOnExit,
      failFast,
      createMemoryLimit({ intervalMs: opts.memoryIntervalMs }),
      ...(opts.extraPolicies ?? []),
      // last: a signal that arrived before supervision stops the run as it attaches, seen by all the others
      createForwardSignals(holdStopSignals()),
    ],
  });
}
