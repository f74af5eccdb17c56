import type { Clock } from '../../common/clock.js';
import type { Probe } from './probe-result.js';

/** How often an unhealthy target is probed again: fast enough for a ≤ 30 ms gate lag. */
export const GATE_POLL_MS = 10;

export type GateOutcome =
  | { kind: 'ready'; waitedMs: number }
  | { kind: 'timeout'; waitedMs: number; lastDetail: string }
  | { kind: 'aborted'; waitedMs: number };

/** Probes until it passes, `timeoutMs` elapses, or `signal` aborts. Never rejects. */
export async function waitUntilHealthy(
  probe: Probe,
  opts: { timeoutMs: number; clock: Clock; signal: AbortSignal; pollMs?: number },
): Promise<GateOutcome> {
  const { clock, signal } = opts;
  const startedAt = clock.now();
  const deadline = startedAt + opts.timeoutMs;
  for (;;) {
    if (signal.aborted) return { kind: 'aborted', waitedMs: clock.now() - startedAt };
    const result = await probe();
    if (signal.aborted) return { kind: 'aborted', waitedMs: clock.now() - startedAt };
    if (result.ok) return { kind: 'ready', waitedMs: clock.now() - startedAt };
    const left = deadline - clock.now();
    if (left <= 0) return { kind: 'timeout', waitedMs: clock.now() - startedAt, lastDetail: result.detail };
    await clock.sleep(Math.min(opts.pollMs ?? GATE_POLL_MS, left), signal);
  }
}
