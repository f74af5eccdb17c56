import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

import { EVENTS_FILE } from './event-log.js';
import { MEMORY_FILE } from './memory-series.js';
import { NOT_UPLOADED_FILE } from './not-uploaded.js';

/**
 * Every record file under `dir` (sub-dirs too: a nested supervisor's), hidden and temp files aside,
 * and not-uploaded.json (what the last upload left out: local only).
 */
export async function listRecordFiles(dir: string, under = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, under), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (under === '' && entry.name === NOT_UPLOADED_FILE)) continue;
    const rel = under === '' ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory()) out.push(...(await listRecordFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * events.jsonl and memory.json of `dir` and of each dir in it (a nested exec's, which that exec
 * writes): relative path → `size:mtime`, a version that changes when the file does.
 */
export async function listStoryFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const subs = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
  for (const under of ['', ...subs.sort()]) {
    for (const file of [EVENTS_FILE, MEMORY_FILE]) {
      const rel = under === '' ? file : `${under}/${file}`;
      try {
        const info = await stat(path.join(dir, rel));
        if (info.isFile()) out.set(rel, `${info.size}:${info.mtimeMs}`);
      } catch {
        // not written (yet): a nested exec that has not started
      }
    }
  }
  return out;
}
