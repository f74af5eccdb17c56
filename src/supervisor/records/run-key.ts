// Where one run's records go in the store, after Prow's layout: one prefix per run under the
// instance's own folder, and a pointer to the newest run beside them.
//   PREFIX/<app>/<process type>-<instance index>/<run id>/{started.json, finished.json, <name>.log, <name>.exit}
//   PREFIX/<app>/<process type>-<instance index>/latest.txt
import { type S3Location, toObjectKey } from '../../config/s3-url.js';

export const LATEST_FILE = 'latest.txt';

/** Who ran: the app's name, the process type and the instance index (from VCAP_APPLICATION). */
export interface RunOrigin {
  app: string;
  processType: string;
  instanceIndex: number;
}

/** A name that is one safe key segment: no '/', no control bytes, never '.' or '..'. */
export function toKeySegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+$/, '_');
  return safe === '' ? '_' : safe.slice(0, 128);
}

/**
 * A run id that sorts by start time as text (UTC, fixed width, to the millisecond) and cannot
 * collide between instances or supervisors started in the same millisecond (a random suffix).
 */
export function toRunId(startedAtMs: number, random: () => number = Math.random): string {
  const stamp = new Date(startedAtMs).toISOString().replace(/[-:]/g, '').replace('.', '-'); // 20261126T214130-123Z
  const suffix = Math.floor(random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, '0');
  return `${stamp}-${suffix}`;
}

/** The folder of one instance's runs. */
export function toInstanceKey(location: S3Location, origin: RunOrigin): string {
  return toObjectKey(
    location,
    toKeySegment(origin.app),
    `${toKeySegment(origin.processType)}-${origin.instanceIndex}`,
  );
}

export function toRunKey(location: S3Location, origin: RunOrigin, runId: string): string {
  return `${toInstanceKey(location, origin)}/${runId}`;
}

/** VCAP_APPLICATION's application_name, process_type and instance_index, each with a local fallback. */
export function toRunOrigin(
  vcapApplication: string | undefined,
  fallback: { app: string; processType: string; instanceIndex?: string | undefined },
): RunOrigin {
  let doc: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(vcapApplication ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) doc = parsed as Record<string, unknown>;
  } catch {
    // not JSON: the fallbacks
  }
  const app =
    typeof doc['application_name'] === 'string' && doc['application_name'] !== ''
      ? doc['application_name']
      : fallback.app;
  const processType =
    typeof doc['process_type'] === 'string' && doc['process_type'] !== ''
      ? doc['process_type']
      : fallback.processType;
  const index = Number(doc['instance_index'] ?? fallback.instanceIndex ?? 0);
  return { app, processType, instanceIndex: Number.isInteger(index) && index >= 0 ? index : 0 };
}
