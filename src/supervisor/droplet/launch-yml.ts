/** One process entry of a deps/<idx>/launch.yml as the platform reads it, with where it came from. */
export interface LaunchProcess {
  type: string;
  command: string;
  memoryMb: number | null;
  /** empty: a process type, not a sidecar */
  sidecarFor: string[];
  /** the deps index whose launch.yml declared it */
  depsIdx: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of one parsed launch.yml, read as leniently as the platform does: entries without
 * a string type and command are skipped (the platform ignores what it cannot use).
 */
export function toLaunchProcesses(doc: unknown, depsIdx: string): LaunchProcess[] {
  if (!isRecord(doc) || !Array.isArray(doc['processes'])) return [];
  const out: LaunchProcess[] = [];
  for (const item of doc['processes'] as unknown[]) {
    if (!isRecord(item) || typeof item['type'] !== 'string' || typeof item['command'] !== 'string') continue;
    const limits = item['limits'];
    const memory = isRecord(limits) ? limits['memory'] : undefined;
    const platforms = item['platforms'];
    const cf = isRecord(platforms) ? platforms['cloudfoundry'] : undefined;
    const sidecarFor = isRecord(cf) && Array.isArray(cf['sidecar_for']) ? cf['sidecar_for'] : [];
    out.push({
      type: item['type'],
      command: item['command'],
      memoryMb: typeof memory === 'number' && Number.isInteger(memory) && memory > 0 ? memory : null,
      sidecarFor: sidecarFor.filter((t): t is string => typeof t === 'string'),
      depsIdx,
    });
  }
  return out;
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
