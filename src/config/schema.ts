import * as z from 'zod';

import { describeValue, MEMORY_HINT, parseMemory } from './memory.js';
import {
  DEFAULT_HEALTH_TIMEOUT_S,
  DEFAULT_INVOCATION_TIMEOUT_S,
  MAX_HEALTH_TIMEOUT_S,
} from './runtime-config.js';

/**
 * The schema of sidecars.yml, by section: the shared field helpers and the `sidecars:` list here;
 * `processes:` in process-schema.ts, `records:` in records-schema.ts, the whole file (and the
 * `supervisor:` section) in sidecars-file-schema.ts. The single source of its TypeScript types, its
 * validation and the "what to write instead" hint of every field (in `.meta({ hint })`; `aliases`
 * feed "did you mean").
 */
export interface FieldMeta {
  hint: string;
  /** keys users write by mistake for this field (e.g. the CF manifest's `process_types`) */
  aliases?: string[];
}

/**
 * The supervisor's own memory, declared in launch.yml. Measured (npm run bench, the shipped bundles
 * on Node.js 24 through bin/sidecars): `sidecars exec` holds 53–54 MB RSS steady with 1 or 10 idle
 * sidecars, 55 MB with 50, and peaks at 58 MB with 50 sidecars and 20 clients following /events
 * (bare Node.js 24: 42 MB; on Node.js 22 these were 50–51 and 59 MB). Rounded up with headroom,
 * because the platform carves this out of the app's memory: an under-declared supervisor would
 * overcommit the container.
 */
export const DEFAULT_SUPERVISOR_MEMORY_MB = 64;
export const RESERVED_NAME_PREFIX = 'sidecars-';
export const MAX_NAME_LENGTH = 63;
export const MAX_COMMAND_LENGTH = 4096;
export const MAX_PROCESS_TYPE_LENGTH = 200;
const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const PROCESS_TYPE_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A field with its hint (and aliases), as the issues and "did you mean" read them. */
export function meta<T extends z.ZodType>(schema: T, fieldMeta: FieldMeta): T {
  return schema.meta({ ...fieldMeta });
}

export const MemorySchema = z.unknown().transform((value, ctx): number => {
  const parsed = parseMemory(value);
  if (parsed.ok) return parsed.memoryMb;
  ctx.issues.push({ code: 'custom', message: parsed.reason, input: value });
  return z.NEVER;
});

export const ProcessTypeSchema = meta(
  z
    .string()
    .min(1)
    .max(MAX_PROCESS_TYPE_LENGTH)
    .regex(PROCESS_TYPE_PATTERN, {
      error: (issue) => `${describeValue(issue.input)} is not a process type name`,
    }),
  { hint: 'Write a process type as in the Procfile: letters, digits, "-" and "_" (web, worker).' },
);

/** A sidecar's own health check (sidecars.yml `sidecars[].health_check`): Kubernetes-like defaults. */
export const DEFAULT_SIDECAR_INTERVAL_S = 10;
export const DEFAULT_FAILURE_THRESHOLD = 3;
export const MAX_FAILURE_THRESHOLD = 100;
export const DEFAULT_MAX_RESTARTS = 5;
export const MAX_MAX_RESTARTS = 100;
const SIDECAR_CHECK_TYPES = ['port', 'http', 'process', 'exec'] as const;

export const SidecarHealthCheckSchema = z
  .strictObject({
    type: meta(z.enum(SIDECAR_CHECK_TYPES), {
      hint: 'Write port (TCP connect to port), http (GET the endpoint on port answers 200), process (alive) or exec (command exits 0).',
    }),
    port: meta(z.number().int().min(1).max(65535).optional(), {
      hint: "Write the TCP port the sidecar listens on (1-65535), e.g. port: 9100; never $PORT, which is the app's.",
    }),
    endpoint: meta(z.string().startsWith('/').max(2048).optional(), {
      hint: 'Write the HTTP path to GET, starting with "/", e.g. endpoint: /health (http checks only; default /).',
      aliases: ['path', 'http_endpoint', 'url'],
    }),
    command: meta(z.string().trim().min(1).max(MAX_COMMAND_LENGTH).optional(), {
      hint: 'Write the shell command that checks the sidecar (bash -c, in its environment; exit 0 = healthy), e.g. command: ./bin/agent --check',
      aliases: ['cmd', 'run', 'exec', 'script'],
    }),
    timeout: meta(z.number().int().min(1).max(MAX_HEALTH_TIMEOUT_S).default(DEFAULT_HEALTH_TIMEOUT_S), {
      hint: `Write the seconds the sidecar may take to become healthy after it starts: a whole number from 1 to ${MAX_HEALTH_TIMEOUT_S} (default ${DEFAULT_HEALTH_TIMEOUT_S}).`,
    }),
    interval: meta(z.number().int().min(1).max(3600).default(DEFAULT_SIDECAR_INTERVAL_S), {
      hint: `Write the seconds between liveness checks once healthy: a whole number from 1 to 3600 (default ${DEFAULT_SIDECAR_INTERVAL_S}).`,
    }),
    invocation_timeout: meta(
      z.number().int().min(1).max(MAX_HEALTH_TIMEOUT_S).default(DEFAULT_INVOCATION_TIMEOUT_S),
      {
        hint: `Write the seconds one check may take: a whole number from 1 to ${MAX_HEALTH_TIMEOUT_S} (default ${DEFAULT_INVOCATION_TIMEOUT_S}).`,
        aliases: ['invocation-timeout'],
      },
    ),
    failure_threshold: meta(
      z.number().int().min(1).max(MAX_FAILURE_THRESHOLD).default(DEFAULT_FAILURE_THRESHOLD),
      {
        hint: `Write how many liveness checks in a row must fail to make the sidecar unhealthy: a whole number from 1 to ${MAX_FAILURE_THRESHOLD} (default ${DEFAULT_FAILURE_THRESHOLD}).`,
        aliases: ['failureThreshold', 'failure-threshold', 'retries', 'threshold'],
      },
    ),
  })
  .superRefine((check, ctx) => {
    const needs = (key: 'port' | 'command', hint: string): void => {
      if (check[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `is required for ${check.type === 'port' ? 'a' : 'an'} ${check.type} check`,
          params: { hint },
        });
      }
    };
    const only = (key: 'port' | 'endpoint' | 'command', types: readonly string[], hint: string): void => {
      if (check[key] !== undefined && !types.includes(check.type)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `applies to ${types.join(' and ')} checks only, but the type is ${check.type}`,
          params: { hint },
        });
      }
    };
    if (check.type === 'port' || check.type === 'http') {
      needs(
        'port',
        `Write the port the sidecar listens on, e.g. port: 9100 (a sidecar must not bind $PORT, the app's).`,
      );
    }
    if (check.type === 'exec')
      needs('command', 'Write the command to run, e.g. command: ./bin/agent --check (exit 0 = healthy).');
    only('port', ['port', 'http'], 'Remove port, or use type: port or type: http.');
    only('endpoint', ['http'], 'Add type: http to this health_check, or remove endpoint.');
    only('command', ['exec'], 'Add type: exec to this health_check, or remove command.');
  })
  .meta({ hint: 'Write health_check: {type: http, port: 9100, endpoint: /health}.' });
export type SidecarHealthCheckInput = z.infer<typeof SidecarHealthCheckSchema>;

export const SidecarSchema = z
  .strictObject({
    name: meta(
      z
        .string()
        .min(1)
        .max(MAX_NAME_LENGTH)
        .regex(NAME_PATTERN, {
          error: (issue) => `${describeValue(issue.input)} is not a valid sidecar name`,
        })
        .refine((name) => !name.startsWith(RESERVED_NAME_PREFIX), {
          error: (issue) =>
            `${describeValue(issue.input)} starts with "${RESERVED_NAME_PREFIX}", which is reserved`,
        }),
      {
        hint: `Use lowercase letters, digits, "-" and "_", starting with a letter or digit, at most ${MAX_NAME_LENGTH} characters, not starting with "${RESERVED_NAME_PREFIX}" (metrics-agent).`,
      },
    ),
    command: meta(z.string().trim().min(1).max(MAX_COMMAND_LENGTH), {
      hint: `Write the shell command that starts the sidecar (run by bash -c, at most ${MAX_COMMAND_LENGTH} characters), e.g. command: ./bin/agent --port 9100`,
      aliases: ['cmd', 'run', 'start_command', 'exec'],
    }),
    memory: meta(MemorySchema, { hint: MEMORY_HINT, aliases: ['mem', 'memory_limit', 'limit', 'limits'] }),
    sidecar_for: meta(
      z
        .array(ProcessTypeSchema)
        .min(1)
        .refine((types) => new Set(types).size === types.length, {
          error: (issue) => {
            const types = issue.input as string[];
            const twice = types.find((type, index) => types.indexOf(type) !== index);
            return `lists ${describeValue(twice)} twice`;
          },
        })
        .default(['web']),
      {
        hint: 'List the process types this sidecar runs beside, e.g. sidecar_for: [web] (the default) or [web, worker].',
        aliases: ['process_types', 'for', 'sidecar-for', 'sidecarFor', 'types'],
      },
    ),
    health_check: meta(SidecarHealthCheckSchema.optional(), {
      hint: 'Write health_check: {type: http, port: 9100, endpoint: /health} (or type: port, process, exec).',
      aliases: ['health-check', 'healthcheck', 'health', 'readiness', 'liveness'],
    }),
    restart: meta(z.enum(['never', 'on-failure', 'always']).default('never'), {
      hint: 'Write restart: never (the default: the container fails, as on the platform), on-failure (non-zero exit, signal, memory limit, failed health check) or always (exit 0 too).',
      aliases: ['restart_policy', 'restartPolicy', 'restart-policy', 'autorestart'],
    }),
    max_restarts: meta(z.number().int().min(0).max(MAX_MAX_RESTARTS).default(DEFAULT_MAX_RESTARTS), {
      hint: `Write how many restarts in a row are allowed before the container fails: a whole number from 0 to ${MAX_MAX_RESTARTS} (default ${DEFAULT_MAX_RESTARTS}).`,
      aliases: ['max-restarts', 'maxRestarts', 'restarts', 'retries', 'startretries', 'restart_limit'],
    }),
    depends_on: meta(
      z
        .array(z.string().min(1).max(MAX_NAME_LENGTH))
        .refine((names) => new Set(names).size === names.length, {
          error: (issue) => {
            const names = issue.input as string[];
            const twice = names.find((name, index) => names.indexOf(name) !== index);
            return `lists ${describeValue(twice)} twice`;
          },
        })
        .default([]),
      {
        hint: 'List the sidecars that must be healthy before this one starts, e.g. depends_on: [secrets-agent].',
        aliases: ['depends-on', 'dependsOn', 'after', 'requires', 'needs', 'wants'],
      },
    ),
    start: meta(z.enum(['after_app', 'with_app']).default('after_app'), {
      hint: "Write start: after_app (the default: once the app's process type passes its health check) or start: with_app (at once, for a proxy or agent the app needs to start).",
      aliases: ['start_order', 'startup', 'start_with'],
    }),
    stop: meta(z.enum(['with_app', 'after_app']).default('with_app'), {
      hint: "Write stop: with_app (the default: stopped with the app) or stop: after_app (keeps serving until the app's process has exited, within the grace period).",
      aliases: ['stop_order', 'shutdown', 'stop_with'],
    }),
  })
  .meta({
    hint: 'Write each sidecar as a mapping: - {name: metrics-agent, command: ./bin/agent, memory: 64M}',
  });

export type Sidecar = z.infer<typeof SidecarSchema>;
