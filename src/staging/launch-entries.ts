import { DEFAULT_SUPERVISOR_MEMORY_MB, type SidecarsFile } from '../config/schema.js';
import type { LaunchEntry } from '../config/runtime-config.js';

/** The grouped layout's entry name for process type T. */
export function toGroupedEntryType(processType: string): string {
  return `sidecars-${processType}`;
}

/**
 * The launch.yml entries of a file, in order of first appearance: grouped, one per target process
 * type (all its sidecars under one supervisor); per-sidecar, one per sidecar. Each declares the
 * supervisor's own memory on top of its sidecars'.
 */
export function toLaunchEntries(file: SidecarsFile): LaunchEntry[] {
  const supervisorMb = file.supervisor?.memory ?? DEFAULT_SUPERVISOR_MEMORY_MB;
  if (file.layout === 'per-sidecar') {
    return file.sidecars.map((sidecar) => ({
      type: sidecar.name,
      sidecarFor: [...sidecar.sidecar_for],
      sidecars: [sidecar.name],
      memoryMb: sidecar.memory + supervisorMb,
    }));
  }
  const entries = new Map<string, LaunchEntry>();
  for (const sidecar of file.sidecars) {
    for (const processType of sidecar.sidecar_for) {
      const entry = entries.get(processType) ?? {
        type: toGroupedEntryType(processType),
        sidecarFor: [processType],
        sidecars: [],
        memoryMb: supervisorMb,
      };
      entry.sidecars.push(sidecar.name);
      entry.memoryMb += sidecar.memory;
      entries.set(processType, entry);
    }
  }
  return [...entries.values()];
}
