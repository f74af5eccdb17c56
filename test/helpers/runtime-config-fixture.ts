import type { HealthCheck, RuntimeConfig, RuntimeSidecar } from '../../src/config/runtime-config.js';

/** A health check with short test timings unless overridden. */
export function healthCheck(overrides: Partial<HealthCheck> = {}): HealthCheck {
  return {
    type: 'port',
    endpoint: '/',
    port: null,
    timeoutMs: 10_000,
    invocationTimeoutMs: 1_000,
    intervalMs: 30_000,
    ...overrides,
  };
}

/** A runtime config as bin/supply writes it, grouped layout: one entry per target type. */
export function runtimeConfig(
  sidecars: RuntimeSidecar[],
  processes: Record<string, HealthCheck> = { web: healthCheck() },
  layout: RuntimeConfig['layout'] = 'grouped',
): RuntimeConfig {
  const types = [...new Set(sidecars.flatMap((s) => s.sidecarFor))];
  return {
    version: 1,
    buildpackVersion: '0.0.0-test',
    depsIdx: '0',
    layout,
    supervisorMemoryMb: 64,
    sidecars,
    processes: Object.fromEntries(
      Object.entries(processes).map(([type, check]) => [type, { healthCheck: check }]),
    ),
    launchEntries:
      layout === 'grouped'
        ? types.map((type) => {
            const mine = sidecars.filter((s) => s.sidecarFor.includes(type));
            return {
              type: `sidecars-${type}`,
              sidecarFor: [type],
              sidecars: mine.map((s) => s.name),
              memoryMb: 64 + mine.reduce((sum, s) => sum + s.memoryMb, 0),
            };
          })
        : sidecars.map((s) => ({
            type: s.name,
            sidecarFor: s.sidecarFor,
            sidecars: [s.name],
            memoryMb: 64 + s.memoryMb,
          })),
  };
}
