/** `type: command` lines of a Procfile (the platform's reading: first colon splits, # comments). */
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

/** `start_command` of staging_info.yml (written as JSON by the platform; YAML-parsed by caller). */
export function toStartCommand(stagingInfo: unknown): string | null {
  if (typeof stagingInfo !== 'object' || stagingInfo === null) return null;
  const value = (stagingInfo as Record<string, unknown>)['start_command'];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
