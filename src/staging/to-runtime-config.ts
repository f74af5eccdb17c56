import {
  RUNTIME_CONFIG_VERSION,
  defaultHealthCheck,
  type HealthCheck,
  type RuntimeConfig,
} from '../config/runtime-config.js';
import type { Sidecar, SidecarHealthCheckInput } from '../config/schema.js';
import type { HealthCheckInput } from '../config/process-schema.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';

import { toLaunchEntries, toSupervisorMemoryMb } from './launch-entries.js';

const MS_PER_S = 1000;

/** The validated file → the normalized config the supervisor reads: every default resolved, every unit explicit. */
export function toRuntimeConfig(
  file: SidecarsFile,
  depsIdx: string,
  buildpackVersion: string,
): RuntimeConfig {
  const types = new Set<string>(['web']);
  for (const sidecar of file.sidecars) for (const type of sidecar.sidecar_for) types.add(type);
  for (const type of Object.keys(file.processes)) types.add(type);
  const processes: RuntimeConfig['processes'] = {};
  for (const type of types) {
    processes[type] = { healthCheck: toHealthCheck(type, file.processes[type]?.health_check) };
  }
  return {
    version: RUNTIME_CONFIG_VERSION,
    buildpackVersion,
    depsIdx,
    layout: file.layout,
    supervisorMemoryMb: toSupervisorMemoryMb(file),
    sidecars: file.sidecars.map(toRuntimeSidecar),
    processes,
    launchEntries: toLaunchEntries(file),
    ...(file.records === undefined
      ? {}
      : {
          records: {
            upload: file.records.upload ?? null,
            service: file.records.service ?? null,
            logTailBytes: file.records.log_tail,
            intervalMs: file.records.interval * MS_PER_S,
          },
        }),
  };
}

function toHealthCheck(processType: string, declared: HealthCheckInput | undefined): HealthCheck {
  const fallback = defaultHealthCheck(processType);
  if (declared === undefined) return fallback;
  return {
    type: declared.type ?? fallback.type,
    endpoint: declared.endpoint ?? fallback.endpoint,
    port: declared.port ?? null,
    timeoutMs: declared.timeout * MS_PER_S,
    invocationTimeoutMs: declared.invocation_timeout * MS_PER_S,
    intervalMs: declared.interval * MS_PER_S,
  };
}

/** A sidecar as the supervisor reads it; health check, restart and order only when not the default. */
function toRuntimeSidecar(sidecar: Sidecar): RuntimeConfig['sidecars'][number] {
  return {
    name: sidecar.name,
    command: sidecar.command,
    memoryMb: sidecar.memory,
    sidecarFor: [...sidecar.sidecar_for],
    ...(sidecar.health_check === undefined
      ? {}
      : { healthCheck: toSidecarHealthCheck(sidecar.health_check) }),
    ...(sidecar.restart === 'never'
      ? {}
      : { restart: { policy: sidecar.restart, maxRestarts: sidecar.max_restarts } }),
    ...(sidecar.depends_on.length === 0 ? {} : { dependsOn: [...sidecar.depends_on] }),
    ...(sidecar.start === 'with_app' ? { start: 'with_app' as const } : {}),
    ...(sidecar.stop === 'after_app' ? { stop: 'after_app' as const } : {}),
  };
}

function toSidecarHealthCheck(declared: SidecarHealthCheckInput): HealthCheck {
  return {
    type: declared.type,
    endpoint: declared.endpoint ?? '/',
    port: declared.port ?? null,
    timeoutMs: declared.timeout * MS_PER_S,
    invocationTimeoutMs: declared.invocation_timeout * MS_PER_S,
    intervalMs: declared.interval * MS_PER_S,
    failureThreshold: declared.failure_threshold,
    ...(declared.command === undefined ? {} : { command: declared.command }),
  };
}
