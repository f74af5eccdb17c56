import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { REPO_DIR } from './run-sidecars.js';
import { SHIPPED_RUNTIME_DIR } from './shipped-node.js';

export interface LaunchEntryYml {
  type: string;
  command: string;
  memoryMb: number;
  sidecarFor: string[];
}

function toLaunchYml(entries: readonly LaunchEntryYml[]): string {
  // JSON is YAML: the platform's parser reads it as the block form
  return JSON.stringify({
    processes: entries.map((e) => ({
      type: e.type,
      command: e.command,
      limits: { memory: e.memoryMb },
      platforms: { cloudfoundry: { sidecar_for: e.sidecarFor } },
    })),
  });
}

/**
 * A droplet dir as the platform's staging leaves it, made by hand: app/, staging_info.yml,
 * profile.d/, and deps/<idx>/ for each buildpack given. A buildpack with a runtime config gets
 * this checkout installed as its supervisor (bin/sidecars, lib → the repository, node → the shipped
 * Node.js), as a packaged bin/supply would install it.
 */
export function makeDroplet(
  dir: string,
  opts: {
    startCommand: string;
    deps: Array<{ idx: string; launch: LaunchEntryYml[]; runtimeConfig?: RuntimeConfig }>;
    profileD?: Record<string, string>;
    appProfileD?: Record<string, string>;
  },
): string {
  mkdirSync(path.join(dir, 'app', '.profile.d'), { recursive: true });
  mkdirSync(path.join(dir, 'profile.d'), { recursive: true });
  writeFileSync(
    path.join(dir, 'staging_info.yml'),
    JSON.stringify({ detected_buildpack: '', start_command: opts.startCommand }),
  );
  for (const [name, text] of Object.entries(opts.profileD ?? {}))
    writeFileSync(path.join(dir, 'profile.d', name), text);
  for (const [name, text] of Object.entries(opts.appProfileD ?? {})) {
    writeFileSync(path.join(dir, 'app', '.profile.d', name), text);
  }
  for (const dep of opts.deps) {
    const depDir = path.join(dir, 'deps', dep.idx);
    mkdirSync(path.join(depDir, 'bin'), { recursive: true });
    writeFileSync(path.join(depDir, 'launch.yml'), toLaunchYml(dep.launch));
    if (dep.runtimeConfig !== undefined) {
      writeFileSync(path.join(depDir, 'runtime-config.json'), JSON.stringify(dep.runtimeConfig));
      copyFileSync(path.join(REPO_DIR, 'bin', 'sidecars'), path.join(depDir, 'bin', 'sidecars'));
      symlinkSync(REPO_DIR, path.join(depDir, 'lib'));
      symlinkSync(SHIPPED_RUNTIME_DIR, path.join(depDir, 'node'));
    }
  }
  return dir;
}

/** The launch.yml entries bin/supply writes for a runtime config (grouped: `exec --for T`). */
export function toOwnLaunch(config: RuntimeConfig): LaunchEntryYml[] {
  return config.launchEntries.map((entry) => ({
    type: entry.type,
    command:
      config.layout === 'per-sidecar'
        ? `"$DEPS_DIR/${config.depsIdx}/bin/sidecars" exec ${entry.sidecars[0] ?? ''}`
        : `"$DEPS_DIR/${config.depsIdx}/bin/sidecars" exec --for ${entry.sidecarFor.join(',')}`,
    memoryMb: entry.memoryMb,
    sidecarFor: entry.sidecarFor,
  }));
}
