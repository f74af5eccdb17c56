import path from 'node:path';

import { RUNTIME_CONFIG_FILE, type RuntimeConfig } from '../config/runtime-config.js';
import { writeFileAtomic } from '../common/fs.js';

import { renderYaml } from './launch-yml.js';

export const LAUNCH_YML = 'launch.yml';
export const CONFIG_YML = 'config.yml';
/** The name `cf app` shows for this buildpack (deps/<idx>/config.yml). */
export const BUILDPACK_NAME = 'sidecar';

/** config.yml: shows the buildpack and its version in `cf app`. */
export async function writeConfigYml(depDir: string, version: string): Promise<void> {
  await writeFileAtomic(
    path.join(depDir, CONFIG_YML),
    renderYaml({ name: BUILDPACK_NAME, version, config: {} }),
  );
}

export async function writeRuntimeConfig(depDir: string, config: RuntimeConfig): Promise<void> {
  await writeFileAtomic(path.join(depDir, RUNTIME_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

export async function writeLaunchYml(depDir: string, launchYml: object): Promise<void> {
  const header =
    '# Written by the sidecar buildpack from sidecars.yml. Do not edit: it is rewritten at every staging.\n';
  await writeFileAtomic(path.join(depDir, LAUNCH_YML), header + renderYaml(launchYml));
}
