// THE schema of the whole sidecars.yml (its sections: schema.ts, process-schema.ts,
// records-schema.ts; the small `supervisor:` section is here), and its type SidecarsFile.
import * as z from 'zod';

import { MEMORY_HINT } from './memory.js';
import { ProcessSchema } from './process-schema.js';
import { RecordsSchema } from './records-schema.js';
import {
  DEFAULT_SUPERVISOR_MEMORY_MB,
  MemorySchema,
  meta,
  ProcessTypeSchema,
  SidecarSchema,
} from './schema.js';

export const SidecarsFileSchema = z
  .strictObject({
    layout: meta(z.enum(['grouped', 'per-sidecar']).default('grouped'), {
      hint: 'Write layout: grouped (one supervisor per process type, the default) or layout: per-sidecar.',
    }),
    supervisor: meta(
      z.strictObject({
        memory: meta(MemorySchema.optional(), { hint: MEMORY_HINT }),
      }),
      { hint: `Write supervisor: {memory: ${DEFAULT_SUPERVISOR_MEMORY_MB}M}.` },
    ).optional(),
    sidecars: meta(z.array(SidecarSchema).default([]), {
      hint: 'Write a list of sidecars, each with name, command, memory and (optionally) sidecar_for.',
      aliases: ['sidecar'],
    }),
    processes: meta(z.record(ProcessTypeSchema, ProcessSchema).default({}), {
      hint: 'Write processes: {web: {health_check: {type: http, endpoint: /health}}}.',
      aliases: ['process', 'process_types'],
    }),
    records: meta(RecordsSchema.optional(), {
      hint: 'Write records: {upload: s3://BUCKET/PREFIX} to keep run records in an S3-compatible store.',
      aliases: ['record', 'upload', 'artifacts'],
    }),
  })
  .superRefine((file, ctx) => {
    const firstIndex = new Map<string, number>();
    file.sidecars.forEach((sidecar, index) => {
      const first = firstIndex.get(sidecar.name);
      if (first === undefined) {
        firstIndex.set(sidecar.name, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: ['sidecars', index, 'name'],
        message: `"${sidecar.name}" is already the name of sidecars[${first}]`,
        params: { hint: 'Give every sidecar a name of its own.' },
      });
    });
  })
  .meta({
    hint: 'Start the file with "sidecars:" and list the sidecars under it, each with name, command and memory.',
  });

export type SidecarsFile = z.infer<typeof SidecarsFileSchema>;
