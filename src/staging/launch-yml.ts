import yaml from 'js-yaml';

import type { LaunchEntry } from '../config/runtime-config.js';

/** One `processes:` item of launch.yml, in the schema the platform parses. */
export interface LaunchYmlProcess {
  type: string;
  command: string;
  limits: { memory: number };
  platforms: { cloudfoundry: { sidecar_for: string[] } };
}

/**
 * The command the platform runs for an entry: absolute through $DEPS_DIR, because the final
 * buildpack may not put deps/<idx>/bin on PATH. The platform runs it with bash -c.
 */
export function toEntryCommand(
  entry: LaunchEntry,
  layout: 'grouped' | 'per-sidecar',
  depsIdx: string,
): string {
  const shim = `"$DEPS_DIR/${depsIdx}/bin/sidecars"`;
  const [only] = entry.sidecars;
  if (layout === 'per-sidecar' && only !== undefined) return `${shim} exec ${only}`;
  return `${shim} exec --for ${entry.sidecarFor.join(',')}`;
}

export function toLaunchYml(
  entries: readonly LaunchEntry[],
  layout: 'grouped' | 'per-sidecar',
  depsIdx: string,
): { processes: LaunchYmlProcess[] } {
  return {
    processes: entries.map((entry) => ({
      type: entry.type,
      command: toEntryCommand(entry, layout, depsIdx),
      limits: { memory: entry.memoryMb },
      platforms: { cloudfoundry: { sidecar_for: [...entry.sidecarFor] } },
    })),
  };
}

export function renderYaml(value: unknown): string {
  return yaml.dump(value, { lineWidth: -1, noRefs: true, sortKeys: false });
}
