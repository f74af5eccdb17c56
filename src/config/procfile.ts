/** One `type: command` line of a Procfile; `line` is 1-based. */
export interface ProcfileEntry {
  type: string;
  command: string;
  line: number;
}

/**
 * The `type: command` lines of a Procfile, as the platform reads them: the first colon splits,
 * blank lines and # comments are skipped, a later line for the same type replaces an earlier one
 * (and its line is the one kept). Shared by staging (clash checks) and the supervisor (start commands).
 */
export function parseProcfileEntries(text: string): ProcfileEntry[] {
  const byType = new Map<string, ProcfileEntry>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    const command = line.slice(colon + 1).trim();
    const type = line.slice(0, colon).trim();
    if (command !== '') byType.set(type, { type, command, line: index + 1 });
  });
  return [...byType.values()];
}

/** type → command, see parseProcfileEntries. */
export function parseProcfile(text: string): Record<string, string> {
  return Object.fromEntries(parseProcfileEntries(text).map((entry) => [entry.type, entry.command]));
}
