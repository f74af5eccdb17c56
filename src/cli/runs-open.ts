// `sidecars runs … --open RUN_ID`: a pre-signed URL to the run's uploaded report.html.
import { SidecarError } from '../common/errors.js';
import type { S3Location } from '../config/s3-url.js';
import { findRunKey } from '../supervisor/records/find-run.js';
import { toRunIdMs } from '../supervisor/records/run-index.js';
import type { S3Store } from '../supervisor/records/s3-store.js';

/** The report page each run uploads beside its finished.json. */
export const REPORT_FILE = 'report.html';
export const DEFAULT_EXPIRES_S = 3600;
/** The longest a SigV4 pre-signed URL may live. */
const MAX_EXPIRES_S = 7 * 86_400;
const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `30m`, `12h`, `7d` → seconds, from 1 s to 7 days. */
export function parseExpires(text: string | undefined): number {
  if (text === undefined) return DEFAULT_EXPIRES_S;
  const m = /^(\d+)([smhd])$/.exec(text);
  const seconds = m === null ? NaN : Number(m[1]) * (UNIT_S[m[2] ?? ''] ?? NaN);
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRES_S) {
    throw new SidecarError(
      'usage',
      `--expires takes a duration from 1s to 7d (a number and s, m, h or d), not "${text}"`,
      'For example --expires 15m or --expires 2d (S3 pre-signed URLs live 7 days at most).',
    );
  }
  return seconds;
}

/** A run id as `sidecars runs` prints it, or a usage error. */
export function checkRunId(runId: string): string {
  if (toRunIdMs(runId) === null || !/^[A-Za-z0-9._-]+$/.test(runId)) {
    throw new SidecarError(
      'usage',
      `--open takes a run id as the RUN ID column prints it (20261126T214130-123Z-80000000), not "${runId}"`,
    );
  }
  return runId;
}

/**
 * The URL, or a SidecarError when no run has that id or it has no report.html. Store errors are
 * thrown as they come (the caller words them).
 */
export async function toReportUrl(
  store: S3Store,
  location: S3Location,
  runId: string,
  expiresS: number,
  signal: AbortSignal,
  where: string,
): Promise<string> {
  const runKey = await findRunKey(store, location, runId, signal);
  if (runKey === null) {
    throw new SidecarError(
      'usage',
      `no run ${runId} under ${where}/`,
      `Run \`sidecars runs ${where}\` to see the run ids there.`,
    );
  }
  const key = `${runKey}/${REPORT_FILE}`;
  if (!(await store.has(location.bucket, key, signal))) {
    throw new SidecarError(
      'usage',
      `run ${runId} has no ${REPORT_FILE} in the store (s3://${location.bucket}/${runKey}/)`,
      'Runs uploaded before the report page, or whose last upload did not happen, have none.',
    );
  }
  return store.presignGet(location.bucket, key, expiresS);
}
