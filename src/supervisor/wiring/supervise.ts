import { realClock } from '../../common/clock.js';
import { createEventBus, type EventBus } from '../model/events.js';
import { createEscapeSweep, type EscapeSweep } from '../proc/escape-sweep.js';
import { loadTreeSource } from '../proc/process-path.js';
import type { ProcessPath, TreeSource } from '../proc/tree-source.js';
import type { Logger } from 'pino';
import { debuglog } from 'node:util';
import type { ProcessSpec } from '../model/process-spec.js';
import type { Policy } from '../core/policy.js';
import { createAppEndWatch } from '../proc/app-end.js';
import { readiness } from '../health/readiness.js';
import { failFast } from '../policies/fail-fast.js';
import { createForwardSignals } from '../policies/forward-signals.js';
import { killOnExit } from '../policies/kill-on-exit.js';
import { createLogEvents } from '../policies/log-events.js';
import { createMemoryLimit } from '../policies/memory-limit.js';
import { restartPolicy } from '../policies/restart.js';
import { spawnCommand } from '../core/spawn.js';
import { holdStopSignals } from '../core/stop-signals.js';
import { runSupervisor } from '../core/supervisor.js';
import type { RunOutcome } from '../model/run-outcome.js';
import { toStringEnv } from '../../common/string-env.js';

export const DEFAULT_GRACE_MS = 8_000;

/** NODE_DEBUG=sidecars: which process path runs (and, in load-bundle.ts, whether a code cache was taken) */
const debug = debuglog('sidecars');

export interface SuperviseOptions {
  specs: readonly ProcessSpec[];
  graceMs: number;
  memoryIntervalMs: number;
  /** how process trees are read, measured and stopped (process-path.ts) */
  processPath: ProcessPath;
  logger: Logger;
  bus?: EventBus;
  /** each memory poll's figures for a process's tree (the run records' memory.json) */
  onMemorySample?: (name: string, atMs: number, rssBytes: number, pssBytes: number | null) => void;
  /** attached after the built-in ones (the state API, run records) */
  extraPolicies?: readonly Policy[];
  /** a nested exec of `sidecars run`: where run writes the app's pid (`stop: after_app`; app-end.ts) */
  appPidFile?: string;
}

/** The real wiring shared by `exec` and `run`: real spawner, clock, process path, held signals, pino. */
export async function supervise(opts: SuperviseOptions): Promise<RunOutcome> {
  const sweep = createEscapeSweep();
  // the portable path's `ps` runs in our environment, with a token: the last kill finds one still running
  const helperEnv = opts.processPath === 'portable' ? sweep.tagHelper(toStringEnv(process.env)) : undefined;
  const trees = await loadTreeSource(opts.processPath, helperEnv);
  debug('process path: %s', trees.path);
  // the last resort, as killOnExit: whatever carries our token dies with the supervisor
  const killEscaped = (): void => void sweep.killAll();
  process.on('exit', killEscaped);
  try {
    return await superviseWith(opts, sweep, trees);
  } finally {
    killEscaped(); // stragglers a stop could not reach: born detached while their tree was stopping
    process.off('exit', killEscaped);
  }
}

function superviseWith(opts: SuperviseOptions, sweep: EscapeSweep, trees: TreeSource): Promise<RunOutcome> {
  return runSupervisor({
    specs: opts.specs,
    graceMs: opts.graceMs,
    readiness,
    deps: {
      spawner: spawnCommand,
      clock: realClock,
      bus: opts.bus ?? createEventBus(),
      openTree: (pid, exited, name) => {
        const tree = trees.open(pid, realClock, exited);
        sweep.track(name, tree);
        return tree;
      },
      tagEnv: (name, env) => sweep.tagEnv(name, env),
      findEscaped: (quiet) => sweep.findEscaped(quiet),
      openCheck: (env) => sweep.openCheck(env),
      watchAppEnd: (port) => createAppEndWatch(port, realClock, opts.appPidFile ?? null),
    },
    policies: [
      createLogEvents(opts.logger),
      killOnExit,
      failFast,
      restartPolicy,
      createMemoryLimit({
        intervalMs: opts.memoryIntervalMs,
        readPss: (pids) => trees.readPss(pids),
        ...(opts.onMemorySample === undefined ? {} : { onSample: opts.onMemorySample }),
      }),
      ...(opts.extraPolicies ?? []),
      // last: a signal that arrived before supervision stops the run as it attaches, seen by all the others
      createForwardSignals(holdStopSignals()),
    ],
  });
}
