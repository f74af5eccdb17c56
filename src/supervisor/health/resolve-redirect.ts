/**
 * How the platform's http check (Go's http.Client, default policy) treats a redirect. Pure: what to
 * do with one response, given the request that got it.
 */

/** Go stops when its 10th response is still a redirect: `stopped after 10 redirects`. */
export const MAX_REDIRECTS = 10;

/**
 * Before following, Go reads at most this much of a redirect's body, when the body is that small or
 * of unknown length (to reuse the connection); a larger one is closed unread.
 */
export const REDIRECT_SLURP_BYTES = 2048;

/** Redirects Go follows: 301, 302, 303 (as GET) and 307, 308 (same method; ours is always GET). */
const FOLLOWED = new Set([301, 302, 303, 307, 308]);

export type RedirectStep =
  /** not a redirect Go follows (any other status, or a 3xx without Location): the status decides */
  | { kind: 'final' }
  | { kind: 'follow'; url: URL }
  /** a redirect Go refuses to follow: the check fails with this detail */
  | { kind: 'refused'; detail: string };

/**
 * The step after a response with `status` and `location` to the request for `from`, when
 * `redirects` redirects were already followed.
 */
export function resolveRedirect(
  status: number,
  location: string | undefined,
  from: URL,
  redirects: number,
): RedirectStep {
  if (!FOLLOWED.has(status) || location === undefined || location === '') return { kind: 'final' };
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { kind: 'refused', detail: `HTTP ${status} with a Location that is not a URL` };
  }
  if (redirects + 1 >= MAX_REDIRECTS) {
    return { kind: 'refused', detail: `HTTP ${status}: stopped after ${MAX_REDIRECTS} redirects` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.slice(0, -1);
    return { kind: 'refused', detail: `HTTP ${status} to an unsupported protocol scheme "${scheme}"` };
  }
  url.hash = '';
  return { kind: 'follow', url };
}

/** The Referer Go adds on a redirect: the previous URL without credentials, none from https to http. */
export function toReferer(previous: URL, next: URL): string | undefined {
  if (previous.protocol === 'https:' && next.protocol === 'http:') return undefined;
  const referer = new URL(previous);
  referer.username = '';
  referer.password = '';
  referer.hash = '';
  return referer.href;
}

/** A URL as messages show it: without credentials. */
export function toDisplayUrl(url: URL): string {
  const shown = new URL(url);
  shown.username = '';
  shown.password = '';
  return shown.href;
}

/** How many bytes of a redirect's body Go reads before following it (see REDIRECT_SLURP_BYTES). */
export function toSlurpBytes(contentLength: string | undefined): number {
  if (contentLength === undefined) return REDIRECT_SLURP_BYTES;
  const length = Number(contentLength);
  return Number.isFinite(length) && length <= REDIRECT_SLURP_BYTES ? REDIRECT_SLURP_BYTES : 0;
}
