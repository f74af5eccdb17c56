import path from 'node:path';

/**
 * A GUID in the platform's format (version 4), for VCAP_APPLICATION's ids: an identifier, not a
 * secret, so Math.random serves, and start-up does not load node:crypto (~9 ms) for it.
 */
export function randomGuid(): string {
  const hex = (digits: number): string =>
    Array.from({ length: digits }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(Math.random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** Variables of the developer's shell passed through; everything else is the platform's. */
export const PASSED_THROUGH = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TERM'] as const;

export interface InstanceContext {
  dropletDir: string;
  appName: string;
  appId: string;
  processType: string;
  /** the main process's memory (MB): its MEMORY_LIMIT and the VCAP_APPLICATION limit */
  processMemoryMb: number;
  port: number;
}

export function createInstanceContext(
  dropletDir: string,
  processType: string,
  processMemoryMb: number,
  port: number,
): InstanceContext {
  return {
    dropletDir,
    appName: path.basename(dropletDir),
    appId: randomGuid(),
    processType,
    processMemoryMb,
    port,
  };
}

/** VCAP_APPLICATION as the platform writes it for this instance (process_type included). */
export function toVcapApplication(ctx: InstanceContext): string {
  return JSON.stringify({
    application_id: ctx.appId,
    application_name: ctx.appName,
    name: ctx.appName,
    application_uris: [],
    uris: [],
    instance_index: 0,
    process_id: ctx.appId,
    process_type: ctx.processType,
    limits: { mem: ctx.processMemoryMb, disk: 1024, fds: 16384 },
    space_name: 'local',
    organization_name: 'local',
  });
}

/**
 * The environment of one command of the instance, as the platform's launcher sets it: the app's
 * and each sidecar's differ only in MEMORY_LIMIT (its own memory).
 */
export function toInstanceEnv(
  ctx: InstanceContext,
  memoryMb: number,
  callerEnv: Readonly<Record<string, string | undefined>>,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    const value = callerEnv[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    LANG: 'en_US.UTF-8',
    ...env,
    HOME: path.join(ctx.dropletDir, 'app'),
    DEPS_DIR: path.join(ctx.dropletDir, 'deps'),
    TMPDIR: path.join(ctx.dropletDir, 'tmp'),
    USER: 'vcap',
    PORT: String(ctx.port),
    CF_INSTANCE_PORT: String(ctx.port),
    CF_INSTANCE_ADDR: `127.0.0.1:${ctx.port}`,
    CF_INSTANCE_INDEX: '0',
    INSTANCE_INDEX: '0',
    VCAP_APPLICATION: toVcapApplication(ctx),
    VCAP_SERVICES: '{}',
    MEMORY_LIMIT: `${memoryMb}m`,
    ...extra,
  };
}
