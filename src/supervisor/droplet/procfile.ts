/** `start_command` of staging_info.yml (written as JSON by the platform; YAML-parsed by caller). */
export function toStartCommand(stagingInfo: unknown): string | null {
  if (typeof stagingInfo !== 'object' || stagingInfo === null) return null;
  const value = (stagingInfo as Record<string, unknown>)['start_command'];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
