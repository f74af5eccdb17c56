// The platform builder's result.json and staging_info.yml, computed from what the buildpacks left.
import { type LaunchProcessEntry, parseLaunchProcesses } from '../config/launch-processes.js';

/** One process entry of a deps/<i>/launch.yml, read as leniently as the platform reads it. */
export type LaunchEntry = LaunchProcessEntry;

export interface BuildpackMetadata {
  key: string;
  name: string;
  version?: string;
}

export interface SidecarResult {
  name: string;
  process_types: string[];
  command: string;
  memory?: number;
}

/** result.json in the shape the platform's builder writes it. */
export interface StagingResult {
  lifecycle_metadata: { detected_buildpack: string; buildpacks: BuildpackMetadata[] };
  process_types: Record<string, string>;
  processes: { type: string; command: string }[];
  sidecars: SidecarResult[];
  execution_metadata: string;
  lifecycle_type: 'buildpack';
}

export interface StagingInputs {
  /** parsed launch.yml documents in deps index order: the supply buildpacks', then the final one's */
  launchDocs: readonly unknown[];
  /** default_process_types of the final buildpack's bin/release */
  releaseProcessTypes: Readonly<Record<string, string>>;
  procfile: Readonly<Record<string, string>>;
  buildpacks: readonly BuildpackMetadata[];
}

/** The entries of one launch.yml; entries without a string type and command are skipped. */
export const toLaunchEntries = parseLaunchProcesses;

/**
 * The platform's merge: bin/release's default process types, then every launch.yml in index
 * order, then the Procfile; the same type → the later one wins (in the earlier one's place). An entry with sidecar_for is a
 * sidecar unless the Procfile names it, which makes it a plain process.
 */
export function toStagingResult(inputs: StagingInputs): StagingResult {
  const merged = new Map<string, LaunchEntry>();
  const put = (entry: LaunchEntry): void => {
    merged.set(entry.type, entry);
  };
  for (const [type, command] of Object.entries(inputs.releaseProcessTypes))
    put({ type, command, memoryMb: null, sidecarFor: [] });
  for (const doc of inputs.launchDocs) for (const entry of toLaunchEntries(doc)) put(entry);
  for (const [type, command] of Object.entries(inputs.procfile))
    put({ type, command, memoryMb: null, sidecarFor: [] });
  const processTypes: Record<string, string> = {};
  const sidecars: SidecarResult[] = [];
  for (const entry of merged.values()) {
    if (entry.sidecarFor.length === 0) {
      processTypes[entry.type] = entry.command;
      continue;
    }
    sidecars.push({
      name: entry.type,
      process_types: entry.sidecarFor,
      command: entry.command,
      ...(entry.memoryMb === null ? {} : { memory: entry.memoryMb }),
    });
  }
  const last = inputs.buildpacks[inputs.buildpacks.length - 1];
  return {
    lifecycle_metadata: { detected_buildpack: last?.name ?? '', buildpacks: [...inputs.buildpacks] },
    process_types: processTypes,
    processes: Object.entries(processTypes).map(([type, command]) => ({ type, command })),
    sidecars,
    execution_metadata: '',
    lifecycle_type: 'buildpack',
  };
}

/** staging_info.yml: the platform writes it as JSON (valid YAML), with the web start command. */
export function toStagingInfo(result: StagingResult): string {
  return `${JSON.stringify({
    detected_buildpack: result.lifecycle_metadata.detected_buildpack,
    start_command: result.process_types['web'] ?? '',
  })}\n`;
}
