// Defaults of sidecars.yml `records` that the supervisor needs too: here, without zod, so that the
// supervisor's bundle does not take the classic zod the schema is written in.

/** Per process, what a log tail that leaves the container may hold, and its bounds. */
export const DEFAULT_LOG_TAIL_BYTES = 1024 * 1024;
export const MIN_LOG_TAIL_BYTES = 4 * 1024;
export const MAX_LOG_TAIL_BYTES = 64 * 1024 * 1024;
export const DEFAULT_UPLOAD_INTERVAL_S = 60;
export const MIN_UPLOAD_INTERVAL_S = 5;
export const MAX_UPLOAD_INTERVAL_S = 86_400;
