// How long the last upload of a run may take. On the platform, SIGTERM is followed by SIGKILL 10 s
// later: the grace period (exec: 8 s by default) and the last upload share that window.

/** The platform's stop window: SIGTERM, then SIGKILL this long after. */
export const STOP_WINDOW_MS = 10_000;
/** Kept free at the end of the window: the supervisor's own exit. */
export const STOP_WINDOW_MARGIN_MS = 500;

/** `exec` on the platform: whatever the grace left of the stop window, less a margin for the exit. */
export function toPlatformDeadline(stopAtMs: number | null, nowMs: number): number {
  return (stopAtMs ?? nowMs) + STOP_WINDOW_MS - STOP_WINDOW_MARGIN_MS;
}

/** `run` on a developer's machine: no platform to kill it, so the last upload always gets a full window. */
export function toLocalDeadline(_stopAtMs: number | null, nowMs: number): number {
  return nowMs + STOP_WINDOW_MS - STOP_WINDOW_MARGIN_MS;
}
