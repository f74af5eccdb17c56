/**
 * The `type: command` lines of a Procfile, as the platform reads them: the first colon splits,
 * blank lines and # comments are skipped, a later line for the same type replaces an earlier one.
 * Shared by staging (clash checks) and the supervisor (start commands).
 */
export function parseProcfile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const command = line.slice(colon + 1).trim();
    if (command !== '') out[line.slice(0, colon).trim()] = command;
  }
  return out;
}
