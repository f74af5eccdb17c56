import { readFile } from 'node:fs/promises';

import { parseProcfileEntries } from '../config/procfile.js';

/** The app's Procfile as the staging checks see it. */
export interface AppProcfile {
  /** how the file is named in messages */
  file: string;
  /** its process types, in order */
  types: string[];
  /** the line that defines a type */
  lineOf(type: string): number | undefined;
  /** the command of a type (absent: not known, as in some tests) */
  commandOf?(type: string): string | undefined;
}

/** The process types of a Procfile, in order. Pure. */
export function parseProcfileTypes(text: string): string[] {
  return parseProcfileEntries(text).map((entry) => entry.type);
}

/** The app's Procfile, or undefined when it has no readable one. */
export async function readAppProcfile(file: string, shownAs: string): Promise<AppProcfile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const entries = parseProcfileEntries(text);
  const lines = new Map(entries.map((entry) => [entry.type, entry.line]));
  const commands = new Map(entries.map((entry) => [entry.type, entry.command]));
  return {
    file: shownAs,
    types: entries.map((entry) => entry.type),
    lineOf: (type) => lines.get(type),
    commandOf: (type) => commands.get(type),
  };
}
