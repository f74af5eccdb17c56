import { readFile } from 'node:fs/promises';

/** The process types of a Procfile (`type: command` per line), in order. Pure. */
export function parseProcfileTypes(text: string): string[] {
  const types: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+)\s*:/.exec(line);
    if (match?.[1] !== undefined && !types.includes(match[1])) types.push(match[1]);
  }
  return types;
}

/** The Procfile's process types, or undefined when the app has no readable Procfile. */
export async function readProcfileTypes(file: string): Promise<string[] | undefined> {
  try {
    return parseProcfileTypes(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
