import { readFile } from 'node:fs/promises';

import { parseProcfile } from '../config/procfile.js';

/** The process types of a Procfile, in order. Pure. */
export function parseProcfileTypes(text: string): string[] {
  return Object.keys(parseProcfile(text));
}

/** The Procfile's process types, or undefined when the app has no readable Procfile. */
export async function readProcfileTypes(file: string): Promise<string[] | undefined> {
  try {
    return parseProcfileTypes(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
