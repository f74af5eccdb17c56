import { SidecarError } from '../../common/errors.js';
import { defaultHealthCheck, type HealthCheck, toHealthCheck } from '../../config/runtime-config.js';
import { toHealthTarget } from '../health/probe.js';
import type { SharedSink } from '../model/output-route.js';
import type { ProcessSpec } from '../model/process-spec.js';
import { BYTES_PER_MB } from '../model/tree-sample.js';
import { type InstanceContext, toInstanceEnv } from './instance-env.js';
import type { LaunchProcess } from './launch-yml.js';
import { toLauncherCommand } from './launcher.js';
import { NESTED_ENV } from '../core/nested-end.js';
import { NESTED_READY_ENV, NESTED_READY_FD } from '../core/nested-ready.js';
import { createNestedSource, toNestedAddresses, toNestedDir } from './nested-exec.js';
import type { Droplet } from './read-droplet.js';

export interface RunRequest {
  /** --command: overrides the droplet's start command */
  command: string | null;
  callerEnv: Readonly<Record<string, string | undefined>>;
  extraEnv: Readonly<Record<string, string>>;
  sink: SharedSink;
  /** where each nested exec keeps its records: `<nestedRoot>/<entry>/` (the --artifacts dir, or a temp dir) */
  nestedRoot: string;
  /** this user's uid: where a nested exec's state API falls back to (null: no fallback) */
  uid: number | null;
  /** what only a nested `sidecars exec` gets besides the instance's variables (the process path run was told) */
  nestedEnv?: Readonly<Record<string, string>>;
  /**
   * gets each command's environment as its launcher reports it, after the droplet's profile.d
   * scripts (what they export may be a secret the supervisor must mask); its log waits for it
   */
  onCommandEnv?: (env: Record<string, string>) => void;
}

/**
 * How long the app waits at most for its nested execs to wait at their gates (nested-ready.ts):
 * they load as it does, and a fast app would otherwise listen before they probe. Past it (a
 * nested exec of an older buildpack never says so), the app starts and they gate as they come up.
 */
export const NESTED_READY_WAIT_MS = 1_000;

/**
 * Resolves once every one of `count` nested execs has said it is ready (or ended), or `waitMs`
 * after it was first asked for: the app's hold. `ready()` is each exec's onReady.
 */
export function createReadyHold(
  count: number,
  waitMs: number,
): { ready: () => void; hold: () => Promise<void> } {
  let left = count;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  if (left === 0) release();
  let held: Promise<void> | null = null;
  return {
    ready() {
      left -= 1;
      if (left === 0) release();
    },
    hold() {
      held ??= new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs).unref();
        void all.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return held;
    },
  };
}

/** The platform's log source tags: `[APP/PROC/WEB/0]`, `[APP/PROC/WEB/SIDECAR/NAME/0]`. */
export function toSourceTag(processType: string, sidecar: string | null): string {
  const proc = `APP/PROC/${processType.toUpperCase()}`;
  return sidecar === null ? `[${proc}/0]` : `[${proc}/SIDECAR/${sidecar.toUpperCase()}/0]`;
}

/** The main command: --command, else staging_info.yml start_command (web), else the Procfile's. */
export function toMainCommand(droplet: Droplet, processType: string, override: string | null): string {
  const command =
    override ??
    (processType === 'web' ? droplet.startCommand : null) ??
    droplet.procfile[processType] ??
    null;
  if (command === null) {
    throw new SidecarError(
      'usage',
      `no start command for process type ${processType}`,
      'Pass --command CMD, or give the app a Procfile entry or a start command.',
    );
  }
  return command;
}

/** The type's health check as staged by this buildpack, else the platform's default. */
export function toMainHealthCheck(droplet: Droplet, processType: string): HealthCheck {
  for (const config of droplet.runtimeConfigs.values()) {
    const check = config.processes[processType]?.healthCheck;
    if (check !== undefined) return check;
  }
  return defaultHealthCheck(processType);
}

/** An entry this buildpack wrote: its command is a `sidecars exec` that gates and limits itself. */
export function isOwnEntry(droplet: Droplet, entry: LaunchProcess): boolean {
  return droplet.runtimeConfigs.get(entry.depsIdx)?.launchEntries.some((e) => e.type === entry.type) === true;
}

/**
 * An entry of ours whose nested exec gates on something the app may pass at once (a port, http or
 * exec check): the app waits for it to wait at its gate. A `process` check passes as the app
 * starts, so a nested exec gated on it cannot miss anything and holds nothing up.
 */
export function isGatedNestedEntry(droplet: Droplet, entry: LaunchProcess, processType: string): boolean {
  const config = droplet.runtimeConfigs.get(entry.depsIdx);
  return (
    config !== undefined &&
    isOwnEntry(droplet, entry) &&
    toHealthCheck(config, processType).type !== 'process'
  );
}

/**
 * The instance as the platform would start it: the main process (port/http/process check, then
 * liveness) and every sidecar for its type, each through the launcher. Sidecar entries written by
 * this buildpack run as they do on the platform (a nested `sidecars exec` that gates and limits
 * its own sidecars); other buildpacks' sidecars are gated on the main process being healthy and
 * limited to their declared memory here. Each nested exec gets a records dir of its own
 * (NESTED_ENV), so that run's records and state name its sidecars.
 */
export function toRunSpecs(droplet: Droplet, ctx: InstanceContext, req: RunRequest): ProcessSpec[] {
  const { processType } = ctx;
  const tag = (sidecar: string | null) => toSourceTag(processType, sidecar);
  const report = req.onCommandEnv;
  const output = (sidecar: string | null): ProcessSpec['output'] => ({
    stdout: { sink: req.sink, prefix: `${tag(sidecar)} OUT ` },
    stderr: { sink: req.sink, prefix: `${tag(sidecar)} ERR ` },
    ...(report === undefined ? {} : { reportEnv: report }),
  });
  const launch = (command: string): string => toLauncherCommand(command, { reportEnv: report !== undefined });
  const entries = droplet.launch.filter((entry) => entry.sidecarFor.includes(processType));
  const gated = entries.filter((entry) => isGatedNestedEntry(droplet, entry, processType));
  // the app starts once its gated nested execs wait at their gates: then a fast app cannot listen unseen
  const readyHold = createReadyHold(gated.length, NESTED_READY_WAIT_MS);
  const main: ProcessSpec = {
    name: processType,
    command: launch(toMainCommand(droplet, processType, req.command)),
    cwd: droplet.dir,
    env: toInstanceEnv(ctx, ctx.processMemoryMb, req.callerEnv, req.extraEnv),
    output: output(null),
    memoryLimitBytes: ctx.processMemoryMb * BYTES_PER_MB,
    gate: null,
    health: toHealthTarget(toMainHealthCheck(droplet, processType), ctx.port),
    record: { type: 'process', command: toMainCommand(droplet, processType, req.command) },
    ...(gated.length > 0 ? { holdStart: readyHold.hold } : {}),
  };
  const sidecars = entries.map((entry): ProcessSpec => {
    const own = isOwnEntry(droplet, entry);
    const hold = gated.includes(entry);
    const memoryMb = entry.memoryMb ?? ctx.processMemoryMb;
    const env = toInstanceEnv(ctx, memoryMb, req.callerEnv, req.extraEnv);
    const nestedDir = toNestedDir(req.nestedRoot, entry.type);
    return {
      name: entry.type,
      command: launch(entry.command),
      cwd: droplet.dir,
      env: own
        ? {
            ...env,
            ...req.nestedEnv,
            [NESTED_ENV]: nestedDir,
            // the readiness pipe is opened only for the app's hold (core/spawn.ts): fd 4 means nothing else
            ...(hold ? { [NESTED_READY_ENV]: String(NESTED_READY_FD) } : {}),
          }
        : env,
      output: hold ? { ...output(entry.type), onReady: readyHold.ready } : output(entry.type),
      memoryLimitBytes: own || entry.memoryMb === null ? null : memoryMb * BYTES_PER_MB,
      gate: own ? null : { kind: 'process', name: processType },
      health: null,
      record: { type: 'sidecar', command: entry.command },
      ...(own
        ? {
            nested: createNestedSource(
              entry.type,
              nestedDir,
              toNestedAddresses(env['TMPDIR'] ?? '', entry.type, req.uid),
            ),
          }
        : {}),
    };
  });
  return [main, ...sidecars];
}
