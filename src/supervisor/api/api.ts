// The state and events API (after Skaffold's /v2/state and /v2/events), loopback or unix only:
// GET /state, GET /events (NDJSON: the history, then live until the run ends), GET /healthz;
// POST /processes/NAME/restart on a unix socket only (`sidecars restart NAME`); GET / on TCP only:
// the live report page (a browser reaches TCP; the page reads /state and /events of its origin).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { createEventFeed, type EventFeed } from './event-feed.js';
import { type ListenOptions, listenStatus } from './listen-status.js';
import type { ManagedProcess } from '../core/managed-process.js';
import type { Policy, RestartAnswer, SupervisorHandle } from '../core/policy.js';
import { toAddressText } from './status-address.js';
import type { StatusAddress } from '../model/status-address.js';
import { createStateView } from './state-view.js';
import { type LivePage, servePage } from './serve-page.js';
import type { StateBody } from '../model/process-view.js';
import { type Censor, NO_CENSOR } from '../secrets/censor.js';

/** How long /events clients get, once the run ended, to take the rest before they are cut off. */
export const FEED_END_GRACE_MS = 1_000;

export interface StatusServer {
  /** where it listens, port resolved (`127.0.0.1:41234`, `unix:/tmp/sidecars/x.sock`) */
  readonly address: string;
  /** attach to the run: serves its processes and streams its events */
  readonly policy: Policy;
  /** ends every /events stream (after FEED_END_GRACE_MS for slow clients) and stops listening */
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const ROUTES = ['/state', '/events', '/healthz'];

/** POST /processes/NAME/restart, NAME URL-encoded (`sidecars-web%2Fagent` for a nested exec's sidecar) */
const RESTART_ROUTE = /^\/processes\/([^/]+)\/restart$/;

/** The status code of an answer to a restart request. */
function toRestartStatus(answer: RestartAnswer): number {
  if (answer.ok) return 202;
  return answer.error === 'unknown_process' ? 404 : 409;
}

/**
 * Starts listening now (so a bad address fails before anything runs); serves once attached.
 * node:http is loaded here, not when the supervisor starts: `run` without --status never needs it.
 */
export async function startStatusServer(
  address: StatusAddress,
  nowMs: () => number,
  listenOpts?: ListenOptions,
  /** every answer and event goes out with the run's secrets masked */
  censor: Censor = NO_CENSOR,
  /** the live page GET / serves on TCP (rendered per request; absent: no page) */
  page: LivePage | null = null,
): Promise<StatusServer> {
  const { createServer } = await import('node:http');
  const lines: string[] = [];
  const feeds = new Set<EventFeed>();
  const view = createStateView(nowMs());
  let processes: readonly ManagedProcess[] = [];
  let supervisor: SupervisorHandle | null = null;
  let finished = false;
  const sockets = new Set<Socket>();

  /** every process, each nested exec's sidecars right after it (`sidecars-web/agent`) */
  const toState = async (): Promise<StateBody> => {
    const body = view.toBody(processes, finished);
    const nested = await Promise.all(
      processes.map((proc) => proc.spec.nested?.readRows() ?? Promise.resolve({})),
    );
    const rows: StateBody['processes'] = {};
    processes.forEach((proc, i) => {
      const own = body.processes[proc.name];
      if (own !== undefined) rows[proc.name] = own;
      Object.assign(rows, nested[i]);
    });
    return { finished: body.finished, pid: process.pid, processes: rows };
  };

  /** an operator's restart: of a process of ours, or forwarded to the nested exec that runs it */
  const restart = async (name: string): Promise<RestartAnswer> => {
    if (supervisor === null || finished) {
      return { ok: false, error: 'not_running', message: `${name} cannot be restarted: the run has ended` };
    }
    const slash = name.indexOf('/');
    const entry = slash < 0 ? undefined : processes.find((proc) => proc.name === name.slice(0, slash));
    if (entry?.spec.nested === undefined) return supervisor.requestRestart(name);
    const { requestRestart } = await import('./status-client.js');
    let last: RestartAnswer = {
      ok: false,
      error: 'not_running',
      message: `${entry.name} serves no state API: its sidecars cannot be restarted`,
    };
    for (const address of entry.spec.nested.addresses) {
      try {
        return await requestRestart(address, name.slice(slash + 1));
      } catch (error) {
        last = { ok: false, error: 'not_running', message: (error as Error).message };
      }
    }
    return last;
  };

  const reply = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) =>
    sendJson(res, status, censor.value(body), headers);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const restartOf = RESTART_ROUTE.exec(url.pathname);
    if (restartOf !== null) {
      if (req.method !== 'POST') {
        reply(
          res,
          405,
          { error: 'method_not_allowed', message: 'restart takes POST only' },
          { allow: 'POST' },
        );
      } else if (address.kind !== 'unix') {
        // the API has no authentication: on TCP anyone on the machine could restart a sidecar
        reply(res, 403, {
          error: 'unix_socket_only',
          message: 'restarts are served on the unix socket only: the state API has no authentication',
        });
      } else {
        const name = decodeURIComponent(restartOf[1] ?? '');
        void restart(name).then((answer) => reply(res, toRestartStatus(answer), answer));
      }
      return;
    }
    if (url.pathname === '/' && page !== null && address.kind === 'tcp' && req.method === 'GET') {
      void servePage(res, page, censor);
      return;
    }
    if (!ROUTES.includes(url.pathname)) {
      reply(res, 404, { error: 'not_found', message: `no ${url.pathname}; try ${ROUTES.join(', ')}` });
      return;
    }
    if (req.method !== 'GET') {
      reply(
        res,
        405,
        { error: 'method_not_allowed', message: `${url.pathname} takes GET only` },
        { allow: 'GET' },
      );
      return;
    }
    if (url.pathname === '/healthz') reply(res, 200, { ok: true, finished });
    else if (url.pathname === '/state') void toState().then((body) => reply(res, 200, body));
    else {
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      const feed = createEventFeed(lines, res, () => feeds.delete(feed));
      feeds.add(feed);
      res.once('close', () => feeds.delete(feed));
      if (finished) feed.finish();
      else feed.pump();
    }
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listenStatus(server, address, listenOpts);
  const bound = server.address();
  const text =
    address.kind === 'tcp' && bound !== null && typeof bound === 'object'
      ? toAddressText({ ...address, port: bound.port })
      : toAddressText(address);

  const policy: Policy = {
    attach(sup) {
      processes = sup.processes;
      supervisor = sup;
      const onEvent = (event: Parameters<typeof view.apply>[0]): void => {
        view.apply(event);
        lines.push(`${JSON.stringify(censor.value(event))}\n`);
        for (const feed of feeds) feed.pump();
      };
      for (const event of sup.bus.history) onEvent(event);
      const off = sup.bus.on(onEvent);
      return () => {
        off();
        finished = true;
        for (const feed of [...feeds]) feed.finish();
      };
    },
  };

  return {
    address: text,
    policy,
    async close() {
      finished = true;
      for (const feed of [...feeds]) feed.finish();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (sockets.size > 0) {
        const timer = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, FEED_END_GRACE_MS);
        await closed;
        clearTimeout(timer);
      } else {
        await closed;
      }
    },
  };
}
