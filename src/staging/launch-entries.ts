import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../config/schema.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';
import type { LaunchEntry } from '../config/runtime-config.js';

/**
 * The uploader child's peak RSS with --lite-mode, putting six 1 MiB logs (72 MB on Node.js 22, 70 MB
 * on Node.js 24; `npm run bench upload`, ten small logs: 68 MB), plus the bodies it holds: up to
 * four small ones at once, or one large log tail, each read once and copied once by the client.
 * Only when records go to a store.
 */
export const UPLOADER_BASE_MB = 72;
const SMALL_BODY_MB = 2;
const UPLOAD_CONCURRENCY = 4;

export function toUploaderMemoryMb(file: SidecarsFile): number {
  if (file.records === undefined) return 0;
  const tailMb = Math.ceil(file.records.log_tail / (1024 * 1024));
  return UPLOADER_BASE_MB + 2 * Math.max(UPLOAD_CONCURRENCY * Math.min(tailMb, SMALL_BODY_MB), tailMb);
}

/** The supervisor's own declared memory (supervisor.memory, else the measured default). */
export function toSupervisorMemoryMb(file: SidecarsFile): number {
  return file.supervisor?.memory ?? DEFAULT_SUPERVISOR_MEMORY_MB;
}

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
  const supervisorMb = toSupervisorMemoryMb(file) + toUploaderMemoryMb(file);
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
