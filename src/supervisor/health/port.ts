import { connect } from 'node:net';

import type { ProbeResult } from './probe-result.js';

/** The platform's `port` check: a TCP connection can be opened within the invocation timeout. */
export function probePort(host: string, port: number, invocationTimeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: ProbeResult): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ ok: false, detail: `no connection within ${invocationTimeoutMs} ms` }),
      invocationTimeoutMs,
    );
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ ok: false, detail: error.code ?? error.message }),
    );
  });
}
