// `sidecars runs s3://BUCKET[/PREFIX[/APP]]`: the runs stored in the records layout, newest first,
// across instances and crashes: a table, or the same rows as JSON.

import { SidecarError } from '../common/errors.js';
import { parseS3Url, S3_URL_HINT, toS3Url } from '../config/s3-url.js';
import type { StoreCredentials } from '../config/store-binding.js';
import { readRunRows } from '../supervisor/records/read-run-rows.js';
import { INDEX_DIR } from '../supervisor/records/run-index.js';
import { resolveStore } from '../supervisor/records/resolve-store.js';
import { openS3Store, toStoreErrorText } from '../supervisor/records/s3-store.js';
import { toRunTable } from '../supervisor/records/run-table.js';
import { parseCommandArgs } from './command-args.js';
import { checkRunId, parseExpires, toReportUrl } from './runs-open.js';

export const SUMMARY = 'list the runs stored in an S3-compatible store, newest first';

export const HELP = `Usage: sidecars runs s3://BUCKET[/PREFIX[/APP]] [--limit N] [--json] [--scan] [--service NAME]
       sidecars runs s3://BUCKET[/PREFIX[/APP]] --open RUN_ID [--expires DURATION] [--service NAME]

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

Where the URL's folder has a run index (.runs/, which uploads write at PREFIX, PREFIX/<app> and
PREFIX/<app>/<type>-<index>), it costs 1 listing and at most 2 reads per run shown, however many
runs the store holds. Elsewhere (runs uploaded before the index, a URL above the upload's PREFIX)
it lists every key: 1 request per 1,000 keys, then 2 reads per run shown.

Options:
  --limit N          the newest N runs (default 20); only their records (or index entries) are read
  --json             a JSON array of the rows (every value whole), for scripts
  --scan             list every key instead of the index: also finds runs uploaded before the index
  --open RUN_ID      print a pre-signed URL to that run's report.html instead of the list
  --expires DURATION how long the --open URL works: 90s, 30m, 12h, up to 7d (default 1h)
  --service NAME     the bound service whose credentials (and, with no URL, bucket) to use
  --deadline-s N     give up after N seconds (default 30)
  -h, --help         show this help

Exit codes: 0 (also when there are no runs); 1 if the store cannot be read, or --open names a run
that is not there or has no report.html.`;

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
      scan: { type: 'boolean' },
      open: { type: 'string' },
      expires: { type: 'string' },
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
    const open = values.open === undefined ? null : checkRunId(values.open);
    if (open === null && values.expires !== undefined) {
      throw new SidecarError('usage', '--expires goes with --open RUN_ID', 'Run `sidecars runs --help`.');
    }
    const expiresS = parseExpires(values.expires);
    const deadlineS = toPositiveInt('--deadline-s', values['deadline-s'], DEFAULT_DEADLINE_S);
    const resolved = resolveStore({ url, service }, process.env);
    if (!resolved.ok) throw new SidecarError('usage', resolved.reason, resolved.hint);
    const { location, credentials, source } = resolved.store;
    const where = toS3Url(location);
    const signal = AbortSignal.timeout(deadlineS * 1000);
    const store = await openS3Store(credentials);
    let found;
    let reportUrl: string | null = null;
    try {
      if (open !== null) reportUrl = await toReportUrl(store, location, open, expiresS, signal, where);
      else found = await readRunRows(store, location, limit, signal, { scan: values.scan === true });
    } catch (error) {
      if (error instanceof SidecarError) throw error;
      const why = signal.aborted ? `no answer within ${deadlineS} s (--deadline-s)` : toStoreErrorText(error);
      throw new SidecarError(
        'usage',
        mask(`cannot read ${where}: ${why}`, credentials),
        toHint(error, source, credentials),
      );
    } finally {
      store.close();
    }
    if (reportUrl !== null || found === undefined) {
      console.log(reportUrl);
      return 0;
    }
    if (values.json === true) console.log(JSON.stringify(found.rows, null, 2));
    const note = (line: string): void => (values.json === true ? console.error : console.log)(line);
    if (found.rows.length === 0) {
      const what =
        found.keys === 0
          ? 'no objects there'
          : `${found.keys} objects, none a run's started.json or finished.json`;
      note(`no runs under ${where}/ (${what})`);
      return 0;
    }
    if (values.json !== true) {
      const widthCols = process.stdout.isTTY ? process.stdout.columns : null;
      for (const line of toRunTable(found.rows, { showApp: !found.appInUrl, widthCols })) console.log(line);
      if (found.more) {
        const of = found.total === null ? '' : ` of ${found.total}`;
        console.log(`(the newest ${found.rows.length}${of} runs: --limit N for more)`);
      }
    }
    if (found.via === 'scan' && values.scan !== true) {
      const requests = Math.max(1, Math.ceil(found.keys / 1000));
      note(
        `(no run index at ${where}/${INDEX_DIR}/: listed every key, ${found.keys} in ${requests} request(s))`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars runs: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
