// zod/mini, not zod: the supervisor loads this at every start, and mini tree-shakes to ~35 KB of
// the bundle where classic zod takes ~190 KB (~10 ms and ~3 MB RSS on Node 22).
import * as z from 'zod/mini';

/**
 * The normalized file `bin/supply` writes to `deps/<idx>/runtime-config.json` and the supervisor
 * reads. Every default is resolved and every unit is explicit, so the supervisor never re-applies
 * sidecars.yml rules. Bump RUNTIME_CONFIG_VERSION on any incompatible change.
 */
export const RUNTIME_CONFIG_VERSION = 1;
export const RUNTIME_CONFIG_FILE = 'runtime-config.json';

const positiveInt = () => z.number().check(z.int(), z.positive());
const nonEmptyStrings = () => z.array(z.string()).check(z.minLength(1));

export const HealthCheckSchema = z.strictObject({
  /** `exec`: a sidecar's own check only */
  type: z.enum(['port', 'http', 'process', 'exec']),
  /** http only: the path to GET; 200 passes (after redirects, as the platform checks it). */
  endpoint: z.string(),
  /** null: the container's $PORT. */
  port: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(65535))),
  /** how long the process may take to become healthy. */
  timeoutMs: positiveInt(),
  /** one probe's time limit. */
  invocationTimeoutMs: positiveInt(),
  /** liveness: time between probes once healthy. */
  intervalMs: positiveInt(),
  /** exec only: the command run by bash -c in the sidecar's environment; exit 0 passes. */
  command: z.optional(z.string()),
  /** liveness failures in a row that make it unhealthy (absent: 1, the platform's rule). */
  failureThreshold: z.optional(positiveInt()),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** A sidecar's `restart` policy (absent: never, the platform's fail-fast). */
export const RestartConfigSchema = z.strictObject({
  policy: z.enum(['never', 'on-failure', 'always']),
  maxRestarts: z.number().check(z.int(), z.minimum(0)),
});
export type RestartConfig = z.infer<typeof RestartConfigSchema>;

export const RuntimeSidecarSchema = z.strictObject({
  name: z.string(),
  command: z.string(),
  memoryMb: positiveInt(),
  sidecarFor: nonEmptyStrings(),
  /** its own health check (absent: healthy once running) */
  healthCheck: z.optional(HealthCheckSchema),
  restart: z.optional(RestartConfigSchema),
  /** sidecars (of the same supervisor) that must be healthy before it starts (absent: none) */
  dependsOn: z.optional(nonEmptyStrings()),
  /** 'with_app': started at once, not gated on the app's health check (absent: after_app) */
  start: z.optional(z.literal('with_app')),
  /** 'after_app': on a stop, serves until the app's process has ended (absent: with_app) */
  stop: z.optional(z.literal('after_app')),
});
export type RuntimeSidecar = z.infer<typeof RuntimeSidecarSchema>;

/** One launch.yml entry this buildpack wrote: which sidecars one `sidecars exec` runs. */
export const LaunchEntrySchema = z.strictObject({
  /** the launch.yml `type` (sidecars-web, or the sidecar's name in the per-sidecar layout) */
  type: z.string(),
  sidecarFor: nonEmptyStrings(),
  sidecars: nonEmptyStrings(),
  memoryMb: positiveInt(),
});
export type LaunchEntry = z.infer<typeof LaunchEntrySchema>;

/** Where run records go and how (sidecars.yml `records`); absent: records stay local, if kept at all. */
export const RecordsConfigSchema = z.strictObject({
  /** s3://BUCKET[/PREFIX]; null: the bucket of the bound service */
  upload: z.nullable(z.string()),
  /** the bound service whose credentials (and bucket) to use; null: the AWS_* variables */
  service: z.nullable(z.string()),
  logTailBytes: positiveInt(),
  /** between uploads of the log tails; 0: only at start and end */
  intervalMs: z.number().check(z.int(), z.minimum(0)),
});
export type RecordsConfig = z.infer<typeof RecordsConfigSchema>;

export const RuntimeConfigSchema = z.strictObject({
  version: z.literal(RUNTIME_CONFIG_VERSION),
  buildpackVersion: z.string(),
  depsIdx: z.string(),
  layout: z.enum(['grouped', 'per-sidecar']),
  supervisorMemoryMb: positiveInt(),
  sidecars: z.array(RuntimeSidecarSchema),
  /** resolved health checks for `web` and every type named in a sidecar_for or under processes: */
  processes: z.record(z.string(), z.strictObject({ healthCheck: HealthCheckSchema })),
  launchEntries: z.array(LaunchEntrySchema),
  records: z.optional(RecordsConfigSchema),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

export const DEFAULT_HEALTH_TIMEOUT_S = 60;
export const MAX_HEALTH_TIMEOUT_S = 180;
export const DEFAULT_INVOCATION_TIMEOUT_S = 1;
export const DEFAULT_INTERVAL_S = 30;

/** The platform's defaults: `port` for web, `process` for every other type. */
export function defaultHealthCheck(processType: string): HealthCheck {
  return {
    type: processType === 'web' ? 'port' : 'process',
    endpoint: '/',
    port: null,
    timeoutMs: DEFAULT_HEALTH_TIMEOUT_S * 1000,
    invocationTimeoutMs: DEFAULT_INVOCATION_TIMEOUT_S * 1000,
    intervalMs: DEFAULT_INTERVAL_S * 1000,
  };
}

/** The health check of a process type, falling back to the platform's default for unknown types. */
export function toHealthCheck(config: RuntimeConfig, processType: string): HealthCheck {
  return config.processes[processType]?.healthCheck ?? defaultHealthCheck(processType);
}
