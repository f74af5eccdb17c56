// `sidecars runs s3://BUCKET[/PREFIX[/APP]]`: the runs stored in the records layout, newest first,
// across instances and crashes: a table, or the same rows as JSON.

import { SidecarError } from '../common/errors.js';
import { parseS3Url, S3_URL_HINT, toS3Url } from '../config/s3-url.js';
import type { StoreCredentials } from '../config/store-binding.js';
import { readRunRows } from '../supervisor/records/read-run-rows.js';
import { resolveStore } from '../supervisor/records/resolve-store.js';
import { openS3Store, toStoreErrorText } from '../supervisor/records/s3-store.js';
import { toRunTable } from '../supervisor/records/run-table.js';
import { parseCommandArgs } from './command-args.js';

export const SUMMARY = 'list the runs stored in an S3-compatible store, newest first';

export const HELP = `Usage: sidecars runs s3://BUCKET[/PREFIX[/APP]] [--limit N] [--json] [--service NAME]

Lists the runs uploaded in the records layout (as exec/run --upload and \`sidecars upload\` store them):
  PREFIX/<app>/<process type>-<instance index>/<run id>/{started.json, finished.json, …}
newest first: run id, app (when the URL names no app), instance, start (UTC), duration, result,
cause and summary. A run is any folder holding a started.json or a finished.json in a
<type>-<index> folder; whatever lies between the URL and <type>-<index> is the app, so s3://b/ci
lists every app under ci/, s3://b/ci/shop the runs of app shop, s3://b/ci/shop/web-0 one instance's.

Results: SUCCESS, FAILURE, ABORTED (finished.json); "no finished.json": the instance's newest run,
still running or its instance died before its last upload; "lost": no finished.json and a later run
of the same instance started, so it did not finish cleanly; "unreadable": finished.json is not a record.

Credentials: the bound service NAME in VCAP_SERVICES (or VCAP_SERVICES_FILE_PATH), else
AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION and
AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL (path-style addressing whenever an endpoint is given).

Options:
  --limit N          the newest N runs (default 20); only their started.json/finished.json are read
  --json             a JSON array of the rows (every value whole), for scripts
  --service NAME     the bound service whose credentials (and, with no URL, bucket) to use
  --deadline-s N     give up after N seconds (default 30)
  -h, --help         show this help

Exit codes: 0 (also when there are no runs); 1 if the store cannot be read.`;

const DEFAULT_LIMIT = 20;
const DEFAULT_DEADLINE_S = 30;

function toPositiveInt(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0) {
    throw new SidecarError('usage', `${flag} takes a whole number above 0, not "${text}"`);
  }
  return value;
}

/** What to check, by the kind of failure. */
function toHint(error: unknown, source: string, credentials: StoreCredentials): string {
  const name = (error as { name?: string }).name ?? '';
  if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied'].includes(name)) {
    return `Check the credentials (from ${source}) and their access to the bucket.`;
  }
  if (name === 'NoSuchBucket') return 'Check BUCKET in the URL (s3://BUCKET/PREFIX).';
  let endpoint = 'the region endpoint of AWS S3';
  if (credentials.endpoint !== null) {
    try {
      const url = new URL(credentials.endpoint);
      endpoint = `${url.protocol}//${url.host}`; // never a user:password@ written into it
    } catch {
      endpoint = 'the configured endpoint';
    }
  }
  return `Check that the store answers at ${endpoint} (AWS_ENDPOINT_URL_S3, or the binding's endpoint).`;
}

function mask(text: string, credentials: StoreCredentials): string {
  const secrets = [credentials.secretAccessKey, credentials.sessionToken, credentials.accessKeyId];
  return secrets.reduce<string>(
    (out, secret) => (secret !== null && secret.length >= 4 ? out.split(secret).join('****') : out),
    text,
  );
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'runs',
    argv,
    {
      service: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      'deadline-s': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  try {
    const service = values.service ?? null;
    const url = positionals[0] ?? null;
    if (positionals.length > 1 || (url === null && service === null)) {
      throw new SidecarError(
        'usage',
        'runs takes one s3://BUCKET[/PREFIX[/APP]]',
        'Run `sidecars runs --help`.',
      );
    }
    if (url !== null) {
      const parsed = parseS3Url(url);
      if (!parsed.ok) throw new SidecarError('usage', parsed.reason, S3_URL_HINT);
    }
    const limit = toPositiveInt('--limit', values.limit, DEFAULT_LIMIT);
    const deadlineS = toPositiveInt('--deadline-s', values['deadline-s'], DEFAULT_DEADLINE_S);
    const resolved = resolveStore({ url, service }, process.env);
    if (!resolved.ok) throw new SidecarError('usage', resolved.reason, resolved.hint);
    const { location, credentials, source } = resolved.store;
    const where = toS3Url(location);
    const signal = AbortSignal.timeout(deadlineS * 1000);
    const store = await openS3Store(credentials);
    let found;
    try {
      found = await readRunRows(store, location, limit, signal);
    } catch (error) {
      const why = signal.aborted ? `no answer within ${deadlineS} s (--deadline-s)` : toStoreErrorText(error);
      throw new SidecarError(
        'usage',
        mask(`cannot read ${where}: ${why}`, credentials),
        toHint(error, source, credentials),
      );
    } finally {
      store.close();
    }
    if (values.json === true) console.log(JSON.stringify(found.rows, null, 2));
    if (found.total === 0) {
      const what =
        found.keys === 0
          ? 'no objects there'
          : `${found.keys} objects, none a run's started.json or finished.json`;
      (values.json === true ? console.error : console.log)(`no runs under ${where}/ (${what})`);
      return 0;
    }
    if (values.json === true) return 0;
    const widthCols = process.stdout.isTTY ? process.stdout.columns : null;
    for (const line of toRunTable(found.rows, { showApp: !found.appInUrl, widthCols })) console.log(line);
    if (found.total > found.rows.length) {
      console.log(`(the newest ${found.rows.length} of ${found.total} runs: --limit N for more)`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars runs: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
