import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Parsed JSON with every number under a time key replaced by "<t>" (timestamps vary). */
export function readNormalized(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) =>
    ['timestamp', 'started_at', 'finished_at', 'since', 'at'].includes(key) && typeof value === 'number'
      ? '<t>'
      : key === 'peak_rss_mb' && (typeof value === 'number' || value === null)
        ? '<mb>'
        : value,
  );
}

/**
 * The story of a run (story-records.test.ts reads them) and its page (report-page.test.ts opens
 * it): left out of readArtifacts.
 */
const STORY_FILES = new Set(['events.jsonl', 'memory.json', 'report.html']);

/**
 * Every file in an artifacts dir with its content (JSON files parsed and normalized); a subdir's as
 * `sub/name`; events.jsonl, memory.json and report.html aside.
 */
export function readArtifacts(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const file = path.join(dir, entry.name);
    if (STORY_FILES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      for (const [name, value] of Object.entries(readArtifacts(file))) out[`${entry.name}/${name}`] = value;
    } else {
      out[entry.name] = entry.name.endsWith('.json') ? readNormalized(file) : readFileSync(file, 'utf8');
    }
  }
  return out;
}

/** Each process's `forced` flag in finished.json: true when a descendant needed SIGKILL. */
export function readForced(artifacts: string): Record<string, boolean> {
  const finished = JSON.parse(readFileSync(path.join(artifacts, 'finished.json'), 'utf8')) as {
    metadata: { processes: Record<string, { forced: boolean }> };
  };
  return Object.fromEntries(Object.entries(finished.metadata.processes).map(([name, p]) => [name, p.forced]));
}
