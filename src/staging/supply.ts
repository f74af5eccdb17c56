import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { RecordsInputs } from './records-rules.js';
import { checkStack } from './stacks.js';

import { type ConfigIssue, isError } from '../config/issues.js';
import { RUNTIME_CONFIG_FILE } from '../config/runtime-config.js';
import { parseMemory } from '../config/memory.js';
import { SidecarError } from '../common/errors.js';
import { ensureDir, pathExists } from '../common/fs.js';

import { isPaddedIndex, isValidIndex, type StagingContext } from './context.js';
import { readDeclaration } from './declaration.js';
import { toLaunchYml } from './launch-yml.js';
import type { StagingLog } from './log.js';
import { readAppProcfile } from './procfile.js';
import { reportIssues } from './report-issues.js';
import { DEFAULT_PROCESS_MEMORY_MB } from './rules.js';
import { toRuntimeConfig } from './to-runtime-config.js';
import {
  LAUNCH_YML,
  PROFILE_D_SCRIPT,
  writeConfigYml,
  writeLaunchYml,
  writeProfileD,
  writeRuntimeConfig,
} from './write.js';

export const SIDECARS_FILE = 'sidecars.yml';

export interface SupplyDeps {
  version: string;
  /** MEMORY_LIMIT from the staging environment, if set */
  memoryLimit: string | undefined;
  /** CF_STACK from the staging environment, and the stacks this buildpack stages on */
  stack: { name: string | undefined; supported: readonly string[] };
  /** what staging knows of the records store: VCAP_SERVICES' bindings and the AWS_* variables */
  records: RecordsInputs;
  log: StagingLog;
  installSupervisor(depDir: string): Promise<{ runtimePackages: number }>;
}

export type SupplyResult =
  | { status: 'staged'; sidecars: number }
  | { status: 'no_sidecars' }
  | { status: 'invalid'; issues: ConfigIssue[] };

/** The supply phase as a function of its context: validate, install, write. Never exits. */
export async function runSupply(ctx: StagingContext, deps: SupplyDeps): Promise<SupplyResult> {
  const { log } = deps;
  log.step(`Sidecar Buildpack ${deps.version}`);
  if (!isValidIndex(ctx.depsIdx)) {
    throw new SidecarError(
      'usage',
      `DEPS_IDX must be a number, not ${JSON.stringify(ctx.depsIdx)}`,
      'Run bin/supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX.',
    );
  }
  if (isPaddedIndex(ctx.depsIdx)) {
    log.warning(
      `DEPS_IDX is "${ctx.depsIdx}": a two-digit index means the app is staged with 10 or more buildpacks. The platform then looks for deps/0/launch.yml … while the directories are deps/00 …, so it IGNORES every launch.yml: NO SIDECAR WILL RUN.`,
      'Use at most 9 buildpacks in cf push -b … so that the sidecars are started.',
    );
  }
  checkStack(deps.stack.name, deps.stack.supported);
  const memory = toProcessMemory(deps.memoryLimit, log);
  const filePath = path.join(ctx.buildDir, SIDECARS_FILE);
  const declaration = await readDeclaration(filePath, ctx.buildDir, {
    file: SIDECARS_FILE,
    procfile: await readAppProcfile(path.join(ctx.buildDir, 'Procfile'), 'Procfile'),
    processMemoryMb: memory.memoryMb,
    processMemorySource: memory.source,
    records: deps.records,
  });
  if (declaration.status === 'absent' || declaration.status === 'empty') {
    if (declaration.status === 'absent') {
      log.detail(`No ${SIDECARS_FILE} in the app: no sidecars declared.`);
      if (await pathExists(path.join(ctx.buildDir, 'sidecars.yaml'))) {
        log.warning(
          'found sidecars.yaml, but this buildpack reads sidecars.yml.',
          'Rename sidecars.yaml to sidecars.yml.',
        );
      }
    }
    reportIssues(log, declaration.status === 'empty' ? declaration.issues : []);
    return stageWithoutSidecars(ctx.depDir, deps.version);
  }
  log.step(`Validating ${SIDECARS_FILE}`);
  reportIssues(log, declaration.issues);
  if (declaration.status === 'invalid') {
    const errors = declaration.issues.filter(isError);
    const files = [...new Set(errors.map((issue) => issue.file ?? SIDECARS_FILE))].join(' and ');
    log.detail(`${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files}: nothing was written.`);
    return { status: 'invalid', issues: declaration.issues };
  }
  const config = toRuntimeConfig(declaration.file, ctx.depsIdx, deps.version);
  for (const sidecar of config.sidecars) {
    log.detail(`${sidecar.name}: ${sidecar.memoryMb} MB, for ${sidecar.sidecarFor.join(', ')}`);
  }
  if (config.sidecars.length === 0) {
    log.detail(`${SIDECARS_FILE} lists no sidecars.`);
    return stageWithoutSidecars(ctx.depDir, deps.version);
  }

  log.step('Installing supervisor');
  await ensureDir(ctx.depDir);
  const installed = await deps.installSupervisor(ctx.depDir);
  log.detail(`deps/${ctx.depsIdx}/bin/sidecars (with ${installed.runtimePackages} runtime packages)`);

  log.step(`Writing ${LAUNCH_YML} (layout ${config.layout})`);
  await writeRuntimeConfig(ctx.depDir, config);
  await writeConfigYml(ctx.depDir, deps.version);
  await writeProfileD(ctx.depDir, ctx.depsIdx);
  await writeLaunchYml(ctx.depDir, toLaunchYml(config.launchEntries, config.layout, ctx.depsIdx));
  for (const entry of config.launchEntries) {
    const parts = entry.sidecars.map(
      (name) => `${name} ${config.sidecars.find((s) => s.name === name)?.memoryMb} MB`,
    );
    parts.push(`supervisor ${config.supervisorMemoryMb} MB`);
    const sidecarsMb = entry.sidecars.reduce(
      (sum, name) => sum + (config.sidecars.find((s) => s.name === name)?.memoryMb ?? 0),
      0,
    );
    const uploaderMb = entry.memoryMb - sidecarsMb - config.supervisorMemoryMb;
    if (uploaderMb > 0) parts.push(`records uploader ${uploaderMb} MB`);
    log.detail(
      `${entry.type}: ${entry.memoryMb} MB (${parts.join(' + ')}), sidecar for ${entry.sidecarFor.join(', ')}`,
    );
  }
  return { status: 'staged', sidecars: config.sidecars.length };
}

function toProcessMemory(
  memoryLimit: string | undefined,
  log: StagingLog,
): { memoryMb: number; source: string } {
  if (memoryLimit === undefined || memoryLimit === '')
    return { memoryMb: DEFAULT_PROCESS_MEMORY_MB, source: 'the platform default; MEMORY_LIMIT is not set' };
  const parsed = parseMemory(memoryLimit);
  if (parsed.ok) return { memoryMb: parsed.memoryMb, source: `MEMORY_LIMIT=${memoryLimit}` };
  log.warning(
    `MEMORY_LIMIT=${JSON.stringify(memoryLimit)} is not a memory size; checking against ${DEFAULT_PROCESS_MEMORY_MB} MB.`,
  );
  return { memoryMb: DEFAULT_PROCESS_MEMORY_MB, source: 'the platform default' };
}

/**
 * No sidecars: only config.yml, so `cf app` still shows the buildpack. A launch.yml left by an
 * earlier staging with sidecars would start sidecars that are no longer declared: remove it.
 */
async function stageWithoutSidecars(depDir: string, version: string): Promise<SupplyResult> {
  await ensureDir(depDir);
  await rm(path.join(depDir, LAUNCH_YML), { force: true });
  await rm(path.join(depDir, RUNTIME_CONFIG_FILE), { force: true });
  await rm(path.join(depDir, PROFILE_D_SCRIPT), { force: true });
  await writeConfigYml(depDir, version);
  return { status: 'no_sidecars' };
}
