// The `records:` section of sidecars.yml: where run records are uploaded, and how much log they keep.
import * as z from 'zod';

import { BYTE_SIZE_HINT, formatByteSize, parseByteSize } from './byte-size.js';
import { parseS3Url, S3_URL_HINT } from './s3-url.js';
import { meta } from './schema.js';
import {
  DEFAULT_LOG_TAIL_BYTES,
  DEFAULT_UPLOAD_INTERVAL_S,
  MAX_LOG_TAIL_BYTES,
  MAX_UPLOAD_INTERVAL_S,
  MIN_LOG_TAIL_BYTES,
  MIN_UPLOAD_INTERVAL_S,
} from './schema-defaults.js';

const LogTailSchema = z.unknown().transform((value, ctx): number => {
  const parsed = parseByteSize(value);
  if (!parsed.ok) {
    ctx.issues.push({ code: 'custom', message: parsed.reason, input: value });
    return z.NEVER;
  }
  if (parsed.bytes < MIN_LOG_TAIL_BYTES || parsed.bytes > MAX_LOG_TAIL_BYTES) {
    ctx.issues.push({
      code: 'custom',
      message: `${formatByteSize(parsed.bytes)} is outside ${formatByteSize(MIN_LOG_TAIL_BYTES)}..${formatByteSize(MAX_LOG_TAIL_BYTES)}`,
      input: value,
    });
    return z.NEVER;
  }
  return parsed.bytes;
});

export const RecordsSchema = z
  .strictObject({
    upload: meta(
      z
        .string()
        .refine((text) => parseS3Url(text).ok, {
          error: (issue) => {
            const parsed = parseS3Url(String(issue.input));
            return parsed.ok ? 'is not an s3:// URL' : parsed.reason;
          },
        })
        .optional(),
      { hint: S3_URL_HINT, aliases: ['url', 's3', 'bucket', 'store', 'destination'] },
    ),
    service: meta(z.string().min(1).max(255).optional(), {
      hint: 'Write the name of a bound S3 service (cf services), e.g. service: run-records.',
      aliases: ['binding', 'service_name', 'services'],
    }),
    log_tail: meta(LogTailSchema.default(DEFAULT_LOG_TAIL_BYTES), {
      hint: `${BYTE_SIZE_HINT} From ${formatByteSize(MIN_LOG_TAIL_BYTES)} to ${formatByteSize(MAX_LOG_TAIL_BYTES)} per process (default ${formatByteSize(DEFAULT_LOG_TAIL_BYTES)}).`,
      aliases: ['tail', 'log-tail', 'logs'],
    }),
    interval: meta(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_UPLOAD_INTERVAL_S)
        .refine((s) => s === 0 || s >= MIN_UPLOAD_INTERVAL_S, {
          error: (issue) => `${String(issue.input)} s is too often`,
        })
        .default(DEFAULT_UPLOAD_INTERVAL_S),
      {
        hint: `Write the seconds between uploads of the log tails: 0 (only at start and end) or ${MIN_UPLOAD_INTERVAL_S} to ${MAX_UPLOAD_INTERVAL_S} (default ${DEFAULT_UPLOAD_INTERVAL_S}).`,
        aliases: ['upload_interval', 'every', 'period'],
      },
    ),
  })
  .superRefine((records, ctx) => {
    if (records.upload === undefined && records.service === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'names no store: neither upload nor service is set',
        params: { hint: 'Write upload: s3://BUCKET/PREFIX, or service: NAME (a bound S3 service), or both.' },
      });
    }
  });
export type RecordsInput = z.infer<typeof RecordsSchema>;
