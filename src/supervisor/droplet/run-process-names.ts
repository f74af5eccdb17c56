// Every process a `sidecars run` of the droplet shows in its state API once all have started: the
// main process, each sidecar entry for its type, and each nested exec's sidecars as
// `<entry>/<name>`. What `run --detach --wait` waits for. Pure.
import { isOwnEntry } from './run-plan.js';
import type { Droplet } from './read-droplet.js';

export function toRunProcessNames(droplet: Droplet, processType: string): string[] {
  const names = [processType];
  for (const entry of droplet.launch) {
    if (!entry.sidecarFor.includes(processType)) continue;
    names.push(entry.type);
    if (!isOwnEntry(droplet, entry)) continue;
    const own = droplet.runtimeConfigs.get(entry.depsIdx)?.launchEntries.find((e) => e.type === entry.type);
    for (const sidecar of own?.sidecars ?? []) names.push(`${entry.type}/${sidecar}`);
  }
  return names;
}
