// SIGTERM/SIGINT/SIGHUP, held for the whole life of `sidecars exec` and `sidecars run`. The CLI's first
// statement takes the hold, so a signal that arrives before supervision starts (node loading the
// command, argv parsing, reading the config, opening the state API, writing started.json) is
// recorded instead of killing the process without records. The forward-signals policy takes the
// signals over when supervision starts: one already recorded stops the run before anything is
// spawned, later ones are forwarded as they come.
import { constants } from 'node:os';

import { SidecarError, toSignalExitCode } from '../../common/errors.js';

/**
 * SIGHUP is the terminal closing under `sidecars run`: the children run in sessions of their own,
 * so the kernel hangs up the supervisor only, and Node.js's default (death by SIGHUP) would leave
 * every one of them running. It stops the run as SIGTERM does (exit 129).
 */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** Where the signals come from: `process`, or an EventEmitter in a unit test. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface StopSignals {
  /** the first signal received while no supervisor held the signals, until one takes it */
  readonly pending: NodeJS.Signals | null;
  /**
   * Hands every signal to onSignal (a pending one at once) until the returned release(). After
   * release, signals are ignored: the run's outcome is decided and its records are being written.
   */
  take(onSignal: (signal: NodeJS.Signals) => void): () => void;
  /** A command's exit code, unless a signal arrived that no supervisor took: then 128+signo. */
  toExitCode(exitCode: number): number;
}

export function createStopSignals(source: SignalSource): StopSignals {
  let pending: NodeJS.Signals | null = null;
  let taken = false;
  let onSignal: ((signal: NodeJS.Signals) => void) | null = null;
  for (const signal of STOP_SIGNALS) {
    source.on(signal, () => {
      if (onSignal !== null) onSignal(signal);
      else if (!taken) pending ??= signal;
    });
  }
  return {
    get pending() {
      return pending;
    },
    take(handler) {
      if (onSignal !== null) throw new SidecarError('invariant', 'two supervisors hold the stop signals');
      onSignal = handler;
      taken = true;
      const early = pending;
      pending = null;
      if (early !== null) handler(early);
      return () => {
        if (onSignal === handler) onSignal = null;
      };
    },
    toExitCode(exitCode) {
      return pending === null ? exitCode : toSignalExitCode(constants.signals[pending]);
    },
  };
}

/**
 * Kept on globalThis, not in a module variable: the packaged CLI (lib/sidecars.cjs) and each command
 * (lib/sidecars-exec.cjs, …) are separate bundles, each with its own copy of this module.
 */
const HOLD = Symbol.for('sidecar-buildpack.stop-signals');

/** The process's one hold on the STOP_SIGNALS: the first call installs it, for as long as the process lives. */
export function holdStopSignals(): StopSignals {
  const global = globalThis as typeof globalThis & { [HOLD]?: StopSignals };
  global[HOLD] ??= createStopSignals(process);
  return global[HOLD];
}
