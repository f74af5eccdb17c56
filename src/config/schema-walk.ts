import * as z from 'zod';

import { type FieldMeta } from './schema.js';
import { SidecarsFileSchema } from './sidecars-file-schema.js';

/**
 * Walks the sidecars.yml schema along a field path, unwrapping defaults, optionals and pipes, to
 * find the field's hint and, for a mapping, its known keys. This is how every error message gets
 * its "what to write instead" from the one schema.
 */
export function schemaAt(path: readonly (string | number)[]): {
  schema: z.ZodType;
  meta: FieldMeta | undefined;
} {
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

export function fieldMeta(path: readonly (string | number)[]): FieldMeta | undefined {
  return schemaAt(path).meta;
}

/** The hint for a bad key of the record at `recordPath` (processes: its keys are process types). */
export function keyMeta(recordPath: readonly (string | number)[]): FieldMeta | undefined {
  const { schema } = schemaAt(recordPath);
  return schema instanceof z.ZodRecord
    ? ((schema.keyType as z.ZodType).meta() as FieldMeta | undefined)
    : undefined;
}

export function knownKeys(path: readonly (string | number)[]): {
  keys: string[];
  aliases: Map<string, string>;
} {
  const { schema } = schemaAt(path);
  if (!(schema instanceof z.ZodObject)) return { keys: [], aliases: new Map() };
  const keys = Object.keys(schema.shape);
  const aliases = new Map<string, string>();
  for (const key of keys) {
    for (const alias of fieldMeta([...path, key])?.aliases ?? []) aliases.set(alias, key);
  }
  return { keys, aliases };
}
