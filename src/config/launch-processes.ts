/** One process entry of a deps/<i>/launch.yml, read as leniently as the platform reads it. */
export interface LaunchProcessEntry {
  type: string;
  command: string;
  /** integer MB, or null when absent or not a positive integer */
  memoryMb: number | null;
  /** empty: a process type, not a sidecar */
  sidecarFor: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of one parsed launch.yml: entries without a string type and command are skipped,
 * as the platform ignores what it cannot use. Shared by `sidecars stage` (result.json) and
 * `sidecars run` (what to start).
 */
export function parseLaunchProcesses(doc: unknown): LaunchProcessEntry[] {
  if (!isRecord(doc) || !Array.isArray(doc['processes'])) return [];
  const entries: LaunchProcessEntry[] = [];
  for (const item of doc['processes'] as unknown[]) {
    if (!isRecord(item) || typeof item['type'] !== 'string' || typeof item['command'] !== 'string') continue;
    const limits = item['limits'];
    const memory = isRecord(limits) ? limits['memory'] : undefined;
    const platforms = item['platforms'];
    const cf = isRecord(platforms) ? platforms['cloudfoundry'] : undefined;
    const sidecarFor =
      isRecord(cf) && Array.isArray(cf['sidecar_for']) ? (cf['sidecar_for'] as unknown[]) : [];
    entries.push({
      type: item['type'],
      command: item['command'],
      memoryMb: typeof memory === 'number' && Number.isInteger(memory) && memory > 0 ? memory : null,
      sidecarFor: sidecarFor.filter((t): t is string => typeof t === 'string'),
    });
  }
  return entries;
}
