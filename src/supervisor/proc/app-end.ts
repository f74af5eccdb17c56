// How `stop: after_app` sees the app end in `exec`, where the app is not our child: the process
// that listens on the app's port (its port or http check target), found in /proc while the app
// runs, has exited. Where no listener was ever found (no /proc), the port no longer accepting a
// connection stands for it.
import { connect } from 'node:net';

import type { Clock } from '../../common/clock.js';
import type { AppEndWatch } from '../core/process-deps.js';
import { isPidRunning, readListenerPids } from './listener-pids.js';

export const APP_END_POLL_MS = 50;
/**
 * While the app runs: how often to look for the process that listens on its port, until found.
 * Short, since a stop in the moment between the app's listen and the next look finds a port that
 * the app closed on SIGTERM and no pid to wait for. Cheap until the app listens (two small reads
 * of /proc/net, no port of that number listening, no fd scanned); it stops once found.
 */
export const LISTENER_SEARCH_MS = 100;

function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

export function createAppEndWatch(port: number, clock: Clock): AppEndWatch {
  let pids: number[] = [];
  const search = (): void => {
    if (pids.length === 0) pids = readListenerPids(port);
  };
  search();
  const timer = setInterval(() => {
    search();
    if (pids.length > 0) clearInterval(timer);
  }, LISTENER_SEARCH_MS);
  timer.unref();
  return {
    async ended(signal) {
      clearInterval(timer);
      search();
      const known = pids;
      while (!signal.aborted) {
        const running = known.length > 0 ? known.some((pid) => isPidRunning(pid)) : await isPortOpen(port);
        if (!running) return;
        await clock.sleep(APP_END_POLL_MS, signal);
      }
    },
    close: () => clearInterval(timer),
  };
}
