import type * as z from 'zod';

/** One problem in the user's input: what is wrong, where, and what to write instead. */
export interface ConfigIssue {
  code: string;
  severity: 'error' | 'warning';
  /** the file as the user knows it (sidecars.yml), when the issue is in a file */
  file?: string;
  line?: number;
  column?: number;
  /** field path inside the file: ['sidecars', 0, 'memory'] */
  path: (string | number)[];
  message: string;
  hint: string;
}

export function isError(issue: ConfigIssue): boolean {
  return issue.severity === 'error';
}

/** sidecars[0].memory */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** `sidecars.yml:7 sidecars[0].memory` — the location prefix of a rendered issue. */
export function formatLocation(issue: ConfigIssue): string {
  let where = issue.file ?? '';
  if (issue.file !== undefined && issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const field = formatPath(issue.path);
  return [where, field].filter((part) => part !== '').join(' ');
}

/** Each issue as two lines: what and where, then what to write instead. */
export function renderIssue(issue: ConfigIssue): [string, string] {
  const location = formatLocation(issue);
  return [location === '' ? issue.message : `${location}: ${issue.message}`, issue.hint];
}

export type ZodIssue = z.core.$ZodIssue;
