import { SidecarError } from '../../common/errors.js';
import { type RuntimeConfig, type RuntimeSidecar, toHealthCheck } from '../../config/runtime-config.js';
import { toHealthTarget } from '../health/probe.js';
import type { HealthTarget } from '../model/health-target.js';
import type { SharedSink } from '../model/output-route.js';
import type { ProcessSpec } from '../model/process-spec.js';
import { BYTES_PER_MB } from '../model/tree-sample.js';

export const DEFAULT_PORT = 8080;

/** What `sidecars exec` was asked, from argv and the platform's environment. */
export interface ExecRequest {
  /** `--for T` (grouped layout); may be "a,b" as launch.yml writes it */
  forTypes: string | null;
  /** `exec NAME` (per-sidecar layout) */
  sidecarName: string | null;
  /** `process_type` from VCAP_APPLICATION: the container's own type */
  containerType: string | null;
  /** $PORT */
  port: number;
}

export interface ExecPlan {
  /** the type whose health gates the sidecars: the container's own */
  processType: string;
  /** $PORT (a sidecar's own port check always names its port: this is only a fallback) */
  port: number;
  gate: HealthTarget;
  sidecars: RuntimeSidecar[];
}

/** `process_type` of VCAP_APPLICATION, or null when it is absent or not JSON. */
export function toContainerType(vcapApplication: string | undefined): string | null {
  if (vcapApplication === undefined || vcapApplication === '') return null;
  try {
    const value = (JSON.parse(vcapApplication) as { process_type?: unknown }).process_type;
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

function usage(message: string, hint: string): SidecarError {
  return new SidecarError('usage', message, hint);
}

function selectSidecars(
  config: RuntimeConfig,
  req: ExecRequest,
): { sidecars: RuntimeSidecar[]; forType: string | null } {
  const known = config.sidecars.map((s) => s.name).join(', ') || '(none)';
  if (req.sidecarName !== null) {
    const sidecar = config.sidecars.find((s) => s.name === req.sidecarName);
    if (sidecar === undefined) {
      throw usage(`no sidecar named "${req.sidecarName}" in the runtime config`, `Known sidecars: ${known}.`);
    }
    const only = sidecar.sidecarFor.length === 1 ? (sidecar.sidecarFor[0] ?? null) : null;
    return { sidecars: [sidecar], forType: req.forTypes ?? only };
  }
  const forTypes = req.forTypes ?? req.containerType;
  if (forTypes === null) {
    throw usage(
      'which sidecars to run is unknown',
      'Pass --for TYPE or a sidecar NAME, or set VCAP_APPLICATION.',
    );
  }
  const entry = config.launchEntries.find(
    (e) => e.sidecarFor.join(',') === forTypes && e.sidecars.length > 0,
  );
  const names = entry?.sidecars ?? [];
  const wanted = forTypes.split(',');
  const sidecars =
    names.length > 0
      ? config.sidecars.filter((s) => names.includes(s.name))
      : config.sidecars.filter((s) => s.sidecarFor.some((t) => wanted.includes(t)));
  if (sidecars.length === 0) {
    throw usage(`no sidecar is declared for process type "${forTypes}"`, `Known sidecars: ${known}.`);
  }
  return { sidecars, forType: wanted.length === 1 ? forTypes : null };
}

/**
 * Which sidecars to run and what gates them. The gate is the health check of the container's own
 * process type (VCAP_APPLICATION process_type, else --for): a sidecar for [web, worker] in a worker
 * container never waits for the web port.
 */
export function toExecPlan(config: RuntimeConfig, req: ExecRequest): ExecPlan {
  const { sidecars, forType } = selectSidecars(config, req);
  const processType = req.containerType ?? forType;
  if (processType === null) {
    throw usage(
      'the process type of this container is unknown',
      'Set process_type in VCAP_APPLICATION (the platform does) or pass --for TYPE.',
    );
  }
  return {
    processType,
    port: req.port,
    gate: toHealthTarget(toHealthCheck(config, processType), req.port),
    sidecars,
  };
}

/** `$PORT` as a port number; the platform's default when unset. */
export function toPort(value: string | undefined): number {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_PORT;
}

/**
 * One ProcessSpec per sidecar: `bash -c` its command with MEMORY_LIMIT=<its memory>m, gated on the
 * container type's health. Alone, its output passes through as is (piped, so that the
 * supervisor's own lines still start on lines of their own); with others, every line is prefixed
 * with `[name] ` (the platform tags the whole stream with one source).
 */
export function toExecSpecs(
  plan: ExecPlan,
  ctx: { cwd: string; env: Readonly<Record<string, string>>; stdout: SharedSink; stderr: SharedSink },
): ProcessSpec[] {
  const alone = plan.sidecars.length === 1;
  const names = new Set(plan.sidecars.map((sidecar) => sidecar.name));
  return plan.sidecars.map((sidecar) => ({
    name: sidecar.name,
    command: sidecar.command,
    cwd: ctx.cwd,
    env: { ...ctx.env, MEMORY_LIMIT: `${sidecar.memoryMb}m` },
    output: {
      stdout: { sink: ctx.stdout, prefix: alone ? '' : `[${sidecar.name}] ` },
      stderr: { sink: ctx.stderr, prefix: alone ? '' : `[${sidecar.name}] ` },
    },
    memoryLimitBytes: sidecar.memoryMb * BYTES_PER_MB,
    // start: with_app → at once; after_app (the default) → once the container's type is healthy
    gate:
      sidecar.start === 'with_app'
        ? null
        : { kind: 'probe', processType: plan.processType, target: plan.gate },
    ...(sidecar.dependsOn === undefined ? {} : { dependsOn: sidecar.dependsOn.filter((d) => names.has(d)) }),
    // its end is seen on the port of the type's own check (staging requires a port or http check)
    ...(sidecar.stop === 'after_app' ? { stopAfterApp: { port: plan.gate.port } } : {}),
    // its own check: its own port (required for port and http), never the container's $PORT
    health: sidecar.healthCheck === undefined ? null : toHealthTarget(sidecar.healthCheck, plan.port),
    ...(sidecar.restart === undefined ? {} : { restart: sidecar.restart }),
  }));
}
