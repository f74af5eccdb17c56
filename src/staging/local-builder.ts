import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import yaml from 'js-yaml';

import { parseProcfile } from '../config/procfile.js';
import { SidecarError } from '../common/errors.js';
import { pathExists, writeFileAtomic } from '../common/fs.js';

import { resolveBuildpacks } from './buildpack-source.js';
import {
  type BuildpackMetadata,
  type StagingResult,
  toStagingInfo,
  toStagingResult,
} from './staging-result.js';

/** The platform builder's exit codes for a failed buildpack phase. */
export const PLATFORM_EXIT = { compile: 223, release: 224, supply: 225, finalize: 226 } as const;
export type Phase = keyof typeof PLATFORM_EXIT;

/** Runs one buildpack program; stdout is captured only when asked (release's YAML), else shown. */
export type PhaseRunner = (
  file: string,
  args: readonly string[],
  options: { captureStdout: boolean },
) => Promise<{ exitCode: number; stdout: string }>;

export interface StageOptions {
  appDir: string;
  /** the droplet dir: app/, deps/, profile.d/, tmp/, logs/, staging_info.yml, result.json */
  outDir: string;
  /**
   * buildpack dirs, zips, zip URLs or git URLs (src/staging/buildpack-source.ts), in cf push -b
   * order: every one but the last only supplies
   */
  buildpacks: readonly string[];
  /** one cache dir per buildpack is made below it (kept between stagings) */
  cacheDir: string;
}

export interface StageDeps {
  run: PhaseRunner;
  log: (line: string) => void;
}

export type StageOutcome =
  | { status: 'staged'; result: StagingResult }
  | { status: 'failed'; phase: Phase; exitCode: number; buildpack: string; buildpackExitCode: number };

/** deps/<i> names as the builder makes them: padded to the digits of the count (10 → 00..09). */
export function toDepsIndexes(count: number): string[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => String(i).padStart(width, '0'));
}

const DROPLET_DIRS = ['app', 'deps', 'profile.d', 'tmp', 'logs'];

/**
 * `sidecars stage`: the platform builder, locally. Runs bin/supply of every non-last buildpack,
 * then the last one's bin/supply (if any) and bin/finalize (or bin/compile) and bin/release, then
 * merges launch.yml files and the Procfile into result.json and staging_info.yml.
 */
export async function stageDroplet(options: StageOptions, deps: StageDeps): Promise<StageOutcome> {
  if (options.buildpacks.length === 0) throw new SidecarError('usage', 'no buildpack to stage with');
  const { outDir, log } = { ...options, ...deps };
  const work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-stage-'));
  try {
    const buildpacks = await resolveBuildpacks(options.buildpacks, work, log);
    const buildpackDirs = buildpacks.map((bp) => bp.dir);
    for (const dir of [...DROPLET_DIRS, 'staging_info.yml', 'result.json'])
      await rm(path.join(outDir, dir), { recursive: true, force: true });
    const appDir = path.join(outDir, 'app');
    const depsDir = path.join(outDir, 'deps');
    const indexes = toDepsIndexes(buildpackDirs.length);
    for (const dir of DROPLET_DIRS) await mkdir(path.join(outDir, dir), { recursive: true });
    for (const idx of indexes) await mkdir(path.join(depsDir, idx), { recursive: true });
    await cp(options.appDir, appDir, { recursive: true, verbatimSymlinks: true });

    const lastIdx = indexes.length - 1;
    for (const [i, bpDir] of buildpackDirs.entries()) {
      const idx = indexes[i] ?? String(i);
      const cache = path.join(options.cacheDir, idx);
      await mkdir(cache, { recursive: true });
      const phaseArgs = [appDir, cache, depsDir, idx];
      const steps: [Phase, string, string[]][] = [];
      if (i < lastIdx || (await isExecutable(path.join(bpDir, 'bin', 'supply'))))
        steps.push(['supply', 'supply', phaseArgs]);
      if (i === lastIdx) {
        if (await isExecutable(path.join(bpDir, 'bin', 'finalize')))
          steps.push(['finalize', 'finalize', [...phaseArgs, path.join(outDir, 'profile.d')]]);
        else steps.push(['compile', 'compile', [appDir, cache]]);
      }
      for (const [phase, program, args] of steps) {
        log(`-----> Buildpack ${i + 1}/${buildpackDirs.length} (${path.basename(bpDir)}): bin/${program}`);
        const { exitCode } = await deps.run(path.join(bpDir, 'bin', program), args, { captureStdout: false });
        if (exitCode !== 0) return failed(phase, exitCode, bpDir, log);
      }
    }
    const last = buildpackDirs[lastIdx] ?? '';
    let releaseTypes: Record<string, string> = {};
    if (await isExecutable(path.join(last, 'bin', 'release'))) {
      const release = await deps.run(path.join(last, 'bin', 'release'), [appDir], { captureStdout: true });
      if (release.exitCode !== 0) return failed('release', release.exitCode, last, log);
      releaseTypes = toReleaseProcessTypes(release.stdout);
    }
    const result = toStagingResult({
      launchDocs: await Promise.all(indexes.map((idx) => readYaml(path.join(depsDir, idx, 'launch.yml')))),
      releaseProcessTypes: releaseTypes,
      procfile: parseProcfile(await readFile(path.join(appDir, 'Procfile'), 'utf8').catch(() => '')),
      buildpacks: await Promise.all(
        indexes.map((idx, i) => readBuildpackMetadata(path.join(depsDir, idx), buildpacks[i])),
      ),
    });
    await writeFileAtomic(path.join(outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeFileAtomic(path.join(outDir, 'staging_info.yml'), toStagingInfo(result));
    log(
      `-----> Staged ${outDir}: ${result.sidecars.length} sidecar(s), start command: ${result.process_types['web'] ?? '(none)'}`,
    );
    return { status: 'staged', result };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function failed(
  phase: Phase,
  buildpackExitCode: number,
  buildpack: string,
  log: (line: string) => void,
): StageOutcome {
  const exitCode = PLATFORM_EXIT[phase];
  log(
    `       **ERROR** bin/${phase} of ${buildpack} failed (exit ${buildpackExitCode}): staging failed with exit code ${exitCode}`,
  );
  return { status: 'failed', phase, exitCode, buildpack, buildpackExitCode };
}

async function isExecutable(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && info.isFile() && (info.mode & 0o111) !== 0;
}

async function readYaml(file: string): Promise<unknown> {
  if (!(await pathExists(file))) return null;
  try {
    return yaml.load(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SidecarError('config_invalid', `${file} is not valid YAML`, undefined, { cause: error });
  }
}

function toReleaseProcessTypes(text: string): Record<string, string> {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch {
    return {};
  }
  const types =
    typeof doc === 'object' && doc !== null
      ? (doc as Record<string, unknown>)['default_process_types']
      : null;
  if (typeof types !== 'object' || types === null) return {};
  return Object.fromEntries(
    Object.entries(types as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** name/version from deps/<i>/config.yml (what `cf app` shows), else the buildpack dir's name. */
async function readBuildpackMetadata(
  depDir: string,
  buildpack: { dir: string; key: string } | undefined,
): Promise<BuildpackMetadata> {
  const config = await readYaml(path.join(depDir, 'config.yml')).catch(() => null);
  const record = typeof config === 'object' && config !== null ? (config as Record<string, unknown>) : {};
  const name = typeof record['name'] === 'string' ? record['name'] : path.basename(buildpack?.dir ?? '');
  const version = typeof record['version'] === 'string' ? record['version'] : undefined;
  return { key: buildpack?.key ?? '', name, ...(version === undefined ? {} : { version }) };
}
