import type { ProbeResult } from './probe-result.js';

/**
 * The platform's `http` check: GET answers 2xx within the invocation timeout. node:http is loaded
 * by the first http check, not when the supervisor starts (~6 ms of start-up without one).
 */
export async function probeHttp(url: string, invocationTimeoutMs: number): Promise<ProbeResult> {
  const { request } = await import('node:http');
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const req = request(url, { method: 'GET', agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      done(status >= 200 && status < 300 ? { ok: true } : { ok: false, detail: `HTTP ${status}` });
    });
    const timer = setTimeout(
      () => done({ ok: false, detail: `no answer within ${invocationTimeoutMs} ms` }),
      invocationTimeoutMs,
    );
    req.once('error', (error: NodeJS.ErrnoException) =>
      done({ ok: false, detail: error.code ?? error.message }),
    );
    req.end();
  });
}
