import type { IncomingMessage, RequestOptions } from 'node:http';
import type { SecureContext } from 'node:tls';

import { loadGoRoots } from './load-go-roots.js';
import type { ProbeResult } from './probe-result.js';
import { resolveRedirect, toDisplayUrl, toReferer, toSlurpBytes } from './resolve-redirect.js';

/**
 * What the platform's check sends (cloudfoundry/healthcheck HTTPHealthCheck). Go's transport adds
 * `Accept-Encoding: gzip` itself; the body is discarded, never decoded. Go keeps these headers on
 * every redirect, to any host.
 */
const PROBE_HEADERS = {
  'user-agent': 'diego-healthcheck',
  'x-forwarded-proto': 'https',
  'accept-encoding': 'gzip',
  connection: 'close',
} as const;

export interface ProbeHttpOptions {
  /** CA bundles trusted on an https redirect, the first readable one (default: Go's list) */
  caFiles?: readonly string[];
}

/**
 * The platform's `http` check, as Go's http.Client{Timeout} runs it: GET with the platform's
 * headers, redirects followed (the 10th redirect fails the check), the whole body read and
 * discarded, and one deadline of `invocationTimeoutMs` for all of it. Only 200 passes; a body cut
 * short, by the deadline too, does not change the verdict (the platform ignores the read's error).
 * node:http is loaded by the first check, node:https only by an https redirect: neither costs
 * start-up time or memory before.
 */
export async function probeHttp(
  url: string,
  invocationTimeoutMs: number,
  opts: ProbeHttpOptions = {},
): Promise<ProbeResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), invocationTimeoutMs);
  let current: URL | undefined;
  let redirects = 0;
  let referer: string | undefined;
  const where = (): string =>
    redirects === 0 || current === undefined
      ? ''
      : ` at ${toDisplayUrl(current)} after ${redirects} redirect${redirects === 1 ? '' : 's'}`;
  try {
    current = new URL(url);
    for (;;) {
      let res: IncomingMessage;
      try {
        res = await send(current, referer, deadline.signal, opts);
      } catch (error) {
        const reason = deadline.signal.aborted
          ? `no answer within ${invocationTimeoutMs} ms`
          : toErrorDetail(error);
        return { ok: false, detail: reason + where() };
      }
      const status = res.statusCode ?? 0;
      const step = resolveRedirect(status, res.headers.location, current, redirects);
      if (step.kind === 'refused') {
        res.destroy();
        return { ok: false, detail: step.detail };
      }
      if (step.kind === 'follow') {
        await drain(res, toSlurpBytes(res.headers['content-length']), deadline.signal);
        referer = toReferer(current, step.url);
        current = step.url;
        redirects += 1;
        continue;
      }
      await drain(res, Infinity, deadline.signal);
      return status === 200 ? { ok: true } : { ok: false, detail: `HTTP ${status}${where()}` };
    }
  } catch (error) {
    return { ok: false, detail: toErrorDetail(error) + where() };
  } finally {
    clearTimeout(timer);
  }
}

/** One GET; resolves with the response head, rejects on a connection, TLS or deadline error. */
async function send(
  url: URL,
  referer: string | undefined,
  signal: AbortSignal,
  opts: ProbeHttpOptions,
): Promise<IncomingMessage> {
  const headers: Record<string, string> = { ...PROBE_HEADERS };
  if (referer !== undefined) headers['referer'] = referer;
  const options: RequestOptions & { secureContext?: SecureContext; rejectUnauthorized?: boolean } = {
    method: 'GET',
    agent: false,
    headers,
    signal,
  };
  // getBuiltinModule, not import(): on Node.js 22 an ESM import() of node:http builds the
  // builtin's whole namespace, which loads node:tls and undici (the CommonJS bundle's require()
  // would not); getBuiltinModule loads only what is asked, in dist/ and in the bundle alike
  let request: typeof import('node:http').request;
  if (url.protocol === 'https:') {
    const secureContext = await loadGoRoots(opts.caFiles);
    ({ request } = process.getBuiltinModule('node:https'));
    // verified as Go verifies, whatever NODE_TLS_REJECT_UNAUTHORIZED the app sets
    options.rejectUnauthorized = true;
    if (secureContext !== undefined) options.secureContext = secureContext;
  } else {
    ({ request } = process.getBuiltinModule('node:http'));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      res.on('error', () => undefined); // drain() decides; a late abort must not throw
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Reads and discards the body until it ends, fails, `limitBytes` were read or `signal` aborts;
 * then closes it. Never buffers: each chunk is dropped as it arrives.
 */
function drain(res: IncomingMessage, limitBytes: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let readBytes = 0;
    const done = (): void => {
      signal.removeEventListener('abort', done);
      res.destroy();
      resolve();
    };
    if (limitBytes <= 0 || signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
    res.on('data', (chunk: Buffer) => {
      readBytes += chunk.length;
      if (readBytes >= limitBytes) done();
    });
    res.once('end', done);
    res.once('close', done);
  });
}

function toErrorDetail(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
