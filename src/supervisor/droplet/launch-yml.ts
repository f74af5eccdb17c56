import { type LaunchProcessEntry, parseLaunchProcesses } from '../../config/launch-processes.js';

/** One process entry of a deps/<idx>/launch.yml as the platform reads it, with where it came from. */
export interface LaunchProcess extends LaunchProcessEntry {
  /** the deps index whose launch.yml declared it */
  depsIdx: string;
}

/** The entries of one parsed launch.yml, read as leniently as the platform does, tagged with their index. */
export function toLaunchProcesses(doc: unknown, depsIdx: string): LaunchProcess[] {
  return parseLaunchProcesses(doc).map((entry) => ({ ...entry, depsIdx }));
}

/**
 * The platform's merge: launch.yml files in deps index order, a later entry of the same type
 * replacing the earlier one (keeping the earlier one's position).
 */
export function mergeLaunchProcesses(perIndex: ReadonlyArray<readonly LaunchProcess[]>): LaunchProcess[] {
  const merged = new Map<string, LaunchProcess>();
  for (const list of perIndex) for (const entry of list) merged.set(entry.type, entry);
  return [...merged.values()];
}

/** Deps dir names in the platform's index order: numeric, so "2" comes before "10". */
export function sortDepsIndexes(names: readonly string[]): string[] {
  return names.filter((n) => /^\d+$/.test(n)).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}
