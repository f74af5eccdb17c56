// How `stop: after_app` sees the app end in `exec`, where the app is not our child: the process
// that listens on the app's port (its port or http check target), found in /proc while the app
// runs, has exited. Under `sidecars run`, where none was found, the app's pid as run wrote it
// (NESTED_APP_PID_FILE). Where neither is known (no /proc), the port no longer accepting a
// connection stands for it.
import { readFileSync } from 'node:fs';
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

/** The pid in `file` (run's NESTED_APP_PID_FILE), or none: no file, or not a pid. */
export function readAppPidFile(file: string | null): number[] {
  if (file === null) return [];
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch {
    return [];
  }
  const pid = /^(\d{1,10})\n$/.exec(text)?.[1];
  return pid !== undefined && Number(pid) > 1 ? [Number(pid)] : [];
}

/** `appPidFile`: under `sidecars run`, where run writes the app's pid (else null). */
export function createAppEndWatch(port: number, clock: Clock, appPidFile: string | null = null): AppEndWatch {
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
      const known = pids.length > 0 ? pids : readAppPidFile(appPidFile);
      while (!signal.aborted) {
        const running = known.length > 0 ? known.some((pid) => isPidRunning(pid)) : await isPortOpen(port);
        if (!running) return;
        await clock.sleep(APP_END_POLL_MS, signal);
      }
    },
    close: () => clearInterval(timer),
  };
}
