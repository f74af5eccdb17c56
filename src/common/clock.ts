/** Time, injected: every wait in the supervisor goes through a Clock so tests can fake it. */
export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
  /** resolves true after `ms`, or false as soon as `signal` aborts (never rejects) */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted === true) {
        resolve(false);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Milliseconds on the monotonic clock (as performance.now(), from another origin). Not the global
 * `performance`: its first use loads node:perf_hooks' seven modules, 0.45 MB of the supervisor's
 * RSS, which launch.yml declares.
 */
export function monotonicMs(): number {
  const [seconds, nanos] = process.hrtime();
  return seconds * 1e3 + nanos / 1e6;
}
