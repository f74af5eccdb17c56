import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import yaml from 'js-yaml';

import { SidecarError } from '../../common/errors.js';
import { readTextFile } from '../../common/fs.js';
import { RUNTIME_CONFIG_FILE, type RuntimeConfig } from '../../config/runtime-config.js';
import { readRuntimeConfig } from '../../config/read-runtime-config.js';
import {
  type LaunchProcess,
  mergeLaunchProcesses,
  sortDepsIndexes,
  toLaunchProcesses,
} from './launch-yml.js';
import { parseProcfile } from '../../config/procfile.js';
import { toStartCommand } from './procfile.js';

/** What `sidecars run` needs of a staged droplet dir (app/, deps/<idx>/, profile.d/, staging_info.yml). */
export interface Droplet {
  dir: string;
  startCommand: string | null;
  procfile: Record<string, string>;
  /** every deps/<i>/launch.yml merged in index order */
  launch: LaunchProcess[];
  /** this buildpack's runtime config per deps index that has one */
  runtimeConfigs: ReadonlyMap<string, RuntimeConfig>;
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readTextFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SidecarError('config_unreadable', `cannot read ${file}`, undefined, { cause: error });
  }
}

/** The deps/ dir's entries (none without one): a directory listing, which never blocks. */
function readDepsIndexes(depsDir: string): string[] {
  try {
    return readdirSync(depsDir);
  } catch {
    return [];
  }
}

function parseYaml(text: string, file: string): unknown {
  try {
    return yaml.load(text);
  } catch (error) {
    throw new SidecarError('config_invalid', `${file} is not valid YAML`, undefined, { cause: error });
  }
}

export async function readDroplet(dir: string): Promise<Droplet> {
  const appDir = path.join(dir, 'app');
  if (statSync(appDir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new SidecarError(
      'usage',
      `${dir} is not a droplet: it has no app/ dir`,
      'Pass the dir `sidecars stage` wrote.',
    );
  }
  mkdirSync(path.join(dir, 'tmp'), { recursive: true });
  const stagingFile = path.join(dir, 'staging_info.yml');
  const stagingText = await readOptional(stagingFile);
  const procfileText = await readOptional(path.join(appDir, 'Procfile'));
  const depsDir = path.join(dir, 'deps');
  const indexes = sortDepsIndexes(readDepsIndexes(depsDir));
  const perIndex: LaunchProcess[][] = [];
  const runtimeConfigs = new Map<string, RuntimeConfig>();
  for (const idx of indexes) {
    const launchFile = path.join(depsDir, idx, 'launch.yml');
    const launchText = await readOptional(launchFile);
    if (launchText !== null) perIndex.push(toLaunchProcesses(parseYaml(launchText, launchFile), idx));
    const configFile = path.join(depsDir, idx, RUNTIME_CONFIG_FILE);
    if ((await readOptional(configFile)) !== null)
      runtimeConfigs.set(idx, await readRuntimeConfig(configFile));
  }
  return {
    dir,
    startCommand: stagingText === null ? null : toStartCommand(parseYaml(stagingText, stagingFile)),
    procfile: procfileText === null ? {} : parseProcfile(procfileText),
    launch: mergeLaunchProcesses(perIndex),
    runtimeConfigs,
  };
}
