import { readdir } from 'node:fs/promises';
import path from 'node:path';

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
