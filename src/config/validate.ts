import type * as z from 'zod';

import { type ConfigIssue, formatPath } from './issues.js';
import type { LineIndex } from './line-index.js';
import { describeValue } from './memory.js';
import { SidecarsFileSchema, type SidecarsFile } from './sidecars-file-schema.js';
import { fieldMeta, keyMeta, knownKeys } from './schema-walk.js';
import { suggestKey } from './suggest-key.js';

export type Validation = { ok: true; file: SidecarsFile } | { ok: false; issues: ConfigIssue[] };

const FALLBACK_HINT = "See the sidecars.yml reference in the buildpack's docs/sidecars-yml.md.";

type Path = (string | number)[];

/** Parsed YAML → the typed file, or every schema issue in it (each with a line and a hint), by line. */
export function validateSidecarsData(data: unknown, displayName: string, lines: LineIndex): Validation {
  const result = SidecarsFileSchema.safeParse(data ?? {});
  if (result.success) return { ok: true, file: result.data };
  const suggested = new Set<string>();
  const make = (code: string, path: Path, message: string, hint: string): ConfigIssue => ({
    code,
    severity: 'error',
    file: displayName,
    line: lines.lineOf(path),
    path,
    message,
    hint,
  });
  const issues = result.error.issues.flatMap((issue): ConfigIssue[] => {
    const path = issue.path.filter((segment) => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(path);
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, known.keys, known.aliases);
        const allowed = `Allowed here: ${known.keys.join(', ')}.`;
        if (suggestion !== undefined) suggested.add(formatPath([...path, suggestion]));
        return make(
          issue.code,
          [...path, key],
          'unknown key',
          suggestion === undefined ? allowed : `Did you mean "${suggestion}"? ${allowed}`,
        );
      });
    }
    if (issue.code === 'invalid_key') {
      const key = path.at(-1);
      const hint = keyMeta(path.slice(0, -1))?.hint ?? FALLBACK_HINT;
      const inner = issue.issues.find((keyIssue) => keyIssue.code === 'invalid_format')?.message;
      return [make(issue.code, path, inner ?? `${describeValue(key)} is not a valid name here`, hint)];
    }
    const params = (issue as { params?: { hint?: unknown } }).params;
    const hint = typeof params?.hint === 'string' ? params.hint : (fieldMeta(path)?.hint ?? FALLBACK_HINT);
    const value = valueAt(data, path);
    return [make(issue.code, path, toMessage(issue, value), toDidYouMean(issue, value.value) + hint)];
  });
  // a misspelt key also leaves its field missing: the "did you mean" says it all
  const kept = issues.filter(
    (issue) => !(issue.message === 'is required' && suggested.has(formatPath(issue.path))),
  );
  return { ok: false, issues: kept.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function toMessage(issue: z.core.$ZodIssue, value: { missing: boolean; value: unknown }): string {
  if (value.missing) {
    // a rule that says why the field is required (a check type's keys) keeps its words
    if (issue.code === 'custom' && issue.message.startsWith('is required')) return issue.message;
    return issue.code === 'invalid_type' || issue.code === 'custom' ? 'is required' : issue.message;
  }
  switch (issue.code) {
    case 'invalid_type':
      if (value.value === null && issue.expected === 'string') return 'must not be empty';
      return `must be ${article(issue.expected)}, not ${describeValue(value.value)}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array')
        return `must list at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `${describeValue(value.value)} is too small: the minimum is ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string')
        return `is ${String(value.value).length} characters long; the limit is ${issue.maximum}`;
      if (issue.origin === 'array') return `lists too many items; the limit is ${issue.maximum}`;
      return `${describeValue(value.value)} is too large: the maximum is ${issue.maximum}`;
    case 'invalid_value':
      return `${describeValue(value.value)} is not one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'starts_with'
        ? `${describeValue(value.value)} must start with "${(issue as { prefix?: string }).prefix ?? ''}"`
        : issue.message;
    default:
      return issue.message;
  }
}

/** `Did you mean "on-failure"? ` for a misspelt value of a list of words; '' otherwise. */
function toDidYouMean(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== 'invalid_value' || typeof value !== 'string') return '';
  const words = issue.values.filter((word): word is string => typeof word === 'string');
  const suggestion = suggestKey(value, words, new Map());
  return suggestion === undefined ? '' : `Did you mean "${suggestion}"? `;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

function valueAt(data: unknown, path: readonly (string | number)[]): { missing: boolean; value: unknown } {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment))
      return { missing: true, value: undefined };
    node = (node as Record<string | number, unknown>)[segment];
  }
  return { missing: false, value: node };
}
