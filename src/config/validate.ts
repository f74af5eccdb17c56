import { z } from 'zod';

import type { ConfigIssue } from './issues.js';
import { describeValue } from './memory.js';
import type { LineIndex } from './line-index.js';
import { type FieldMeta, SidecarsFileSchema, type SidecarsFile } from './schema.js';
import { suggestKey } from './suggest-key.js';

export type Validation = { ok: true; file: SidecarsFile } | { ok: false; issues: ConfigIssue[] };

/** Parsed YAML → the typed file, or every schema issue in it (each with a line and a hint). */
export function validateSidecarsData(data: unknown, displayName: string, lines: LineIndex): Validation {
  const result = SidecarsFileSchema.safeParse(data ?? {});
  if (result.success) return { ok: true, file: result.data };
  const issues = result.error.issues.flatMap((issue) => toConfigIssues(issue, data, displayName, lines));
  return { ok: false, issues: issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

function toConfigIssues(
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  lines: LineIndex,
): ConfigIssue[] {
  const path = issue.path.filter((segment) => typeof segment !== 'symbol');
  const make = (at: (string | number)[], message: string, hint: string): ConfigIssue => ({
    code: issue.code,
    severity: 'error',
    file,
    line: lines.lineOf(at),
    path: at,
    message,
    hint,
  });
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(path);
    return issue.keys.map((key) => {
      const suggestion = suggestKey(key, known.keys, known.aliases);
      const allowed = `Allowed here: ${known.keys.join(', ')}.`;
      return make(
        [...path, key],
        'unknown key',
        suggestion === undefined ? allowed : `Did you mean "${suggestion}"? ${allowed}`,
      );
    });
  }
  const value = valueAt(data, path);
  const params = (issue as { params?: { hint?: unknown } }).params;
  const hint =
    typeof params?.hint === 'string'
      ? params.hint
      : (fieldMeta(path)?.hint ?? 'See the sidecars.yml reference in the buildpack README.');
  return [make(path, toMessage(issue, value), hint)];
}

function toMessage(issue: z.core.$ZodIssue, value: { missing: boolean; value: unknown }): string {
  if (value.missing)
    return issue.code === 'invalid_type' || issue.code === 'custom' ? 'is required' : issue.message;
  switch (issue.code) {
    case 'invalid_type':
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
    case 'invalid_key':
      return `${describeValue(value.value)} is not a valid key here`;
    default:
      return issue.message;
  }
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

/** Walks the schema along `path`, unwrapping defaults, optionals and pipes; returns the node met last. */
function schemaAt(path: readonly (string | number)[]): { schema: z.ZodType; meta: FieldMeta | undefined } {
  let schema: z.ZodType = SidecarsFileSchema;
  let meta: FieldMeta | undefined;
  const unwrap = (): void => {
    for (;;) {
      meta = (schema.meta() as FieldMeta | undefined) ?? meta;
      if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional)
        schema = schema.unwrap() as z.ZodType;
      else if (schema instanceof z.ZodPipe) schema = schema.in as z.ZodType;
      else return;
    }
  };
  unwrap();
  for (const segment of path) {
    meta = undefined;
    if (schema instanceof z.ZodObject)
      schema = (schema.shape as Record<string, z.ZodType>)[segment] ?? schema;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else return { schema, meta: undefined };
    unwrap();
  }
  return { schema, meta };
}

function fieldMeta(path: readonly (string | number)[]): FieldMeta | undefined {
  return schemaAt(path).meta;
}

function knownKeys(path: readonly (string | number)[]): { keys: string[]; aliases: Map<string, string> } {
  const { schema } = schemaAt(path);
  if (!(schema instanceof z.ZodObject)) return { keys: [], aliases: new Map() };
  const keys = Object.keys(schema.shape);
  const aliases = new Map<string, string>();
  for (const key of keys) {
    for (const alias of fieldMeta([...path, key])?.aliases ?? []) aliases.set(alias, key);
  }
  return { keys, aliases };
}
