// How long the last upload of a run may take. On the platform, SIGTERM is followed by SIGKILL 10 s
// later: the grace period (exec: 8 s by default) and the last upload share that window, and the
// supervisor must have exited before it closes, whatever the store does and whatever was queued.

/** The platform's stop window: SIGTERM, then SIGKILL this long after. */
export const STOP_WINDOW_MS = 10_000;
/** Kept free at the end of the window: by then the supervisor has exited. */
export const STOP_WINDOW_MARGIN_MS = 500;
/** Kept between the last uploader child's end and the exit deadline: the supervisor's own exit. */
export const EXIT_RESERVE_MS = 500;
/** Between an uploader's own give-up time and its SIGKILL: time to report what it did. */
export const KILL_AFTER_DEADLINE_MS = 250;

/** `exec` on the platform: the supervisor has exited 9.5 s after the stop began, whatever the grace took. */
export function toPlatformDeadline(stopAtMs: number | null, nowMs: number): number {
  return (stopAtMs ?? nowMs) + STOP_WINDOW_MS - STOP_WINDOW_MARGIN_MS;
}

/** `run` on a developer's machine: no platform to kill it, so the last upload always gets a full window. */
export function toLocalDeadline(_stopAtMs: number | null, nowMs: number): number {
  return nowMs + STOP_WINDOW_MS - STOP_WINDOW_MARGIN_MS;
}

/** When the uploads of a run end, from the time by which the supervisor must have exited. */
export interface UploadTimes {
  /** the uploader's own deadline: it stops its requests and reports */
  giveUpAtMs: number;
  /** every uploader child still running is SIGKILLed (and waited for) */
  killAtMs: number;
}

export function toUploadTimes(exitByMs: number): UploadTimes {
  const killAtMs = exitByMs - EXIT_RESERVE_MS;
  return { giveUpAtMs: killAtMs - KILL_AFTER_DEADLINE_MS, killAtMs };
}
