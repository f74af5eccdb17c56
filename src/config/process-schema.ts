// The `processes:` section of sidecars.yml: the health check of each process type.
import * as z from 'zod';

import {
  DEFAULT_HEALTH_TIMEOUT_S,
  DEFAULT_INTERVAL_S,
  DEFAULT_INVOCATION_TIMEOUT_S,
  MAX_HEALTH_TIMEOUT_S,
} from './runtime-config.js';
import { meta } from './schema.js';

export const HealthCheckSchema = z
  .strictObject({
    type: meta(z.enum(['port', 'http', 'process']).optional(), {
      hint: 'Write port (TCP connect to $PORT), http (GET the endpoint answers 200, as the platform checks it) or process (alive).',
    }),
    endpoint: meta(z.string().startsWith('/').max(2048).optional(), {
      hint: 'Write the HTTP path to GET, starting with "/", e.g. endpoint: /health (http checks only).',
      aliases: ['path', 'http_endpoint', 'url'],
    }),
    port: meta(z.number().int().min(1).max(65535).optional(), {
      hint: 'Write the TCP port to check (1-65535); leave it out to check $PORT.',
    }),
    timeout: meta(z.number().int().min(1).max(MAX_HEALTH_TIMEOUT_S).default(DEFAULT_HEALTH_TIMEOUT_S), {
      hint: `Write the seconds the process may take to become healthy: a whole number from 1 to ${MAX_HEALTH_TIMEOUT_S} (default ${DEFAULT_HEALTH_TIMEOUT_S}).`,
    }),
    invocation_timeout: meta(
      z.number().int().min(1).max(MAX_HEALTH_TIMEOUT_S).default(DEFAULT_INVOCATION_TIMEOUT_S),
      {
        hint: `Write the seconds one check may take: a whole number from 1 to ${MAX_HEALTH_TIMEOUT_S} (default ${DEFAULT_INVOCATION_TIMEOUT_S}).`,
        aliases: ['invocation-timeout'],
      },
    ),
    interval: meta(z.number().int().min(1).max(3600).default(DEFAULT_INTERVAL_S), {
      hint: `Write the seconds between liveness checks: a whole number from 1 to 3600 (default ${DEFAULT_INTERVAL_S}).`,
    }),
  })
  .superRefine((check, ctx) => {
    if (check.endpoint !== undefined && check.type !== 'http') {
      ctx.addIssue({
        code: 'custom',
        path: ['endpoint'],
        message: `applies to http checks only, but the type is ${check.type ?? 'not set'}`,
        params: { hint: 'Add type: http to this health_check, or remove endpoint.' },
      });
    }
  });
export type HealthCheckInput = z.infer<typeof HealthCheckSchema>;

export const ProcessSchema = z.strictObject({
  health_check: meta(HealthCheckSchema.optional(), {
    hint: 'Write health_check: {type: http, endpoint: /health}.',
    aliases: ['health-check', 'healthcheck', 'health', 'readiness'],
  }),
});
