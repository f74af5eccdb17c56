import path from 'node:path';

import { RUNTIME_CONFIG_FILE, type RuntimeConfig } from '../config/runtime-config.js';
import { ensureDir, writeFileAtomic } from '../common/fs.js';

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

export const PROFILE_D_SCRIPT = path.join('profile.d', 'sidecars.sh');

/**
 * deps/<idx>/profile.d/sidecars.sh: puts `sidecars` on the app's PATH (for `sidecars wait NAME` in
 * a start command) where the final buildpack sources supply buildpacks' profile.d (libbuildpack's
 * do); "$DEPS_DIR/<idx>/bin/sidecars" works everywhere.
 */
export async function writeProfileD(depDir: string, depsIdx: string): Promise<void> {
  await ensureDir(path.join(depDir, 'profile.d'));
  await writeFileAtomic(path.join(depDir, PROFILE_D_SCRIPT), toProfileDScript(depsIdx));
}

export function toProfileDScript(depsIdx: string): string {
  return (
    '# Written by the sidecar buildpack: `sidecars` (e.g. `sidecars wait NAME`) on the PATH.\n' +
    `export PATH="$DEPS_DIR/${depsIdx}/bin:$PATH"\n`
  );
}
