// `sidecars status --web`: the live report page for the supervisors of this container, on a
// loopback port (through `cf ssh -L` on the platform). GET / serves the page; GET /state merges the
// supervisors' /state; GET /events streams all their /events into one. Nothing else, and read only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { listenStatus } from './listen-status.js';
import { type LivePage, servePage } from './serve-page.js';
import { followEvents, hasGone, readState } from './status-client.js';
import { toAddressText } from './status-address.js';
import type { StateBody } from '../model/process-view.js';
import type { StatusAddress } from '../model/status-address.js';
import type { Censor } from '../secrets/censor.js';

export interface StatusProxy {
  /** `127.0.0.1:41234`, port resolved */
  readonly address: string;
  /** stops listening and ends every open stream */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/**
 * One /state of many: every process row of each (their names are unique: one app's sidecars),
 * finished once every one has finished or gone.
 */
export function toMergedState(bodies: readonly StateBody[]): StateBody {
  const processes: StateBody['processes'] = {};
  for (const body of bodies) Object.assign(processes, body.processes);
  return { finished: bodies.every((body) => body.finished), processes };
}

/** A supervisor's /state; null for one that ended meanwhile (its socket is gone). */
async function readStateUnlessGone(address: StatusAddress): Promise<StateBody | null> {
  try {
    return await readState(address);
  } catch (error) {
    if (hasGone(address)) return null;
    throw error;
  }
}

export async function startStatusProxy(opts: {
  /** a loopback TCP address (the CLI refuses any other) */
  listen: Extract<StatusAddress, { kind: 'tcp' }>;
  /** the supervisors, found again on each request (one may have started or ended since) */
  findSources: () => Promise<StatusAddress[]>;
  page: LivePage;
  censor: Censor;
}): Promise<StatusProxy> {
  const { createServer } = await import('node:http');
  const { censor } = opts;
  const streams = new Set<AbortController>();
  const sockets = new Set<Socket>();

  const serveState = async (res: ServerResponse): Promise<void> => {
    const sources = await opts.findSources().catch(() => []);
    const bodies: StateBody[] = [];
    try {
      for (const body of await Promise.all(sources.map((address) => readStateUnlessGone(address)))) {
        if (body !== null) bodies.push(body);
      }
    } catch (error) {
      sendJson(res, 502, { error: 'supervisor_unreachable', message: censor.text((error as Error).message) });
      return;
    }
    sendJson(res, 200, censor.value(toMergedState(bodies)));
  };

  const serveEvents = async (res: ServerResponse): Promise<void> => {
    const sources = await opts.findSources().catch(() => []);
    const abort = new AbortController();
    streams.add(abort);
    res.once('close', () => abort.abort());
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const write = (line: string): void => void res.write(`${censor.text(line)}\n`);
    await Promise.all(
      sources.map((address) =>
        followEvents(address, write, abort.signal).catch((error: unknown) => {
          if (!abort.signal.aborted && !hasGone(address)) {
            const message = `${toAddressText(address)}: ${(error as Error).message}`;
            write(JSON.stringify({ event: 'status.unreachable', msg: message }));
          }
        }),
      ),
    );
    streams.delete(abort);
    res.end();
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'method_not_allowed', message: 'this page is read only: GET only' });
    } else if (pathname === '/') void servePage(res, opts.page, censor);
    else if (pathname === '/state') void serveState(res);
    else if (pathname === '/events') void serveEvents(res);
    else if (pathname === '/healthz') sendJson(res, 200, { ok: true });
    else sendJson(res, 404, { error: 'not_found', message: `no ${pathname}; try /, /state, /events` });
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listenStatus(server, opts.listen);
  const bound = server.address();
  const port = bound !== null && typeof bound === 'object' ? bound.port : opts.listen.port;
  return {
    address: toAddressText({ ...opts.listen, port }),
    async close() {
      for (const abort of streams) abort.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
