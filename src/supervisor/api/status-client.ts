// The client side of the state API, for `sidecars status`: GET over a unix socket or loopback TCP.
import { request, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import type { RestartAnswer } from '../core/policy.js';
import type { StateBody } from '../model/process-view.js';
import { isPrivateDir } from './private-dir.js';
import { readClaim } from '../claim/claim-file.js';
import { createHolderProbe } from '../claim/claim-holder.js';
import {
  toAddressText,
  toFallbackSocketDir,
  toSocketLock,
  toSocketPathProblem,
  toSocketSuffixPid,
} from './status-address.js';
import type { StatusAddress } from '../model/status-address.js';

/** Time allowed for connecting and getting an answer (not for a followed /events stream). */
export const STATUS_TIMEOUT_MS = 5_000;

function open(
  address: StatusAddress,
  urlPath: string,
  timeoutMs = STATUS_TIMEOUT_MS,
  method: 'GET' | 'POST' = 'GET',
): Promise<IncomingMessage> {
  // before connect: Node.js would connect to the path cut short, which may be another socket
  const problem = address.kind === 'unix' ? toSocketPathProblem(address.path) : null;
  if (problem !== null) {
    return Promise.reject(
      new SidecarError('usage', `cannot reach the supervisor at ${toAddressText(address)}: ${problem}`),
    );
  }
  return new Promise((resolve, reject) => {
    const target =
      address.kind === 'unix' ? { socketPath: address.path } : { host: address.host, port: address.port };
    const req = request({ ...target, path: urlPath, method, timeout: timeoutMs }, (res) => {
      req.setTimeout(0);
      resolve(res);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (error) =>
      reject(
        new SidecarError(
          'usage',
          `cannot reach the supervisor at ${toAddressText(address)}: ${error.message}`,
          'Is it running? Pass its --status address.',
          { cause: error },
        ),
      ),
    );
    req.end();
  });
}

export async function readState(address: StatusAddress, timeoutMs = STATUS_TIMEOUT_MS): Promise<StateBody> {
  const res = await open(address, '/state', timeoutMs);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (res.statusCode !== 200) {
    throw new SidecarError('usage', `${toAddressText(address)} answered ${res.statusCode}: ${text.trim()}`);
  }
  try {
    return JSON.parse(text) as StateBody;
  } catch {
    throw new SidecarError(
      'usage',
      `${toAddressText(address)} did not answer with JSON: is it a supervisor?`,
    );
  }
}

/**
 * POST /processes/NAME/restart: the supervisor's answer (unknown name, not running, or accepted).
 * Only over a unix socket: the API has no authentication, so restarts are never asked over TCP.
 */
export async function requestRestart(address: StatusAddress, name: string): Promise<RestartAnswer> {
  if (address.kind !== 'unix') {
    throw new SidecarError(
      'usage',
      `${toAddressText(address)} is a TCP address: restarts go through a unix socket only (the state API has no authentication)`,
      'Pass --status unix:PATH (the socket given to `sidecars exec --status` or `run --status`), or leave --status out.',
    );
  }
  const res = await open(
    address,
    `/processes/${encodeURIComponent(name)}/restart`,
    STATUS_TIMEOUT_MS,
    'POST',
  );
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    const answer = JSON.parse(text) as RestartAnswer;
    if (typeof answer.ok === 'boolean') return answer;
  } catch {
    // not our API
  }
  throw new SidecarError('usage', `${toAddressText(address)} answered ${res.statusCode}: ${text.trim()}`);
}

/** Calls onLine for every NDJSON line of GET /events; resolves when the stream ends (or `signal` aborts). */
export async function followEvents(
  address: StatusAddress,
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await open(address, '/events');
  if (signal !== undefined) {
    if (signal.aborted) res.destroy();
    else signal.addEventListener('abort', () => res.destroy(), { once: true });
  }
  res.setEncoding('utf8');
  let pending = '';
  for await (const chunk of res) {
    const parts = (pending + (chunk as string)).split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) if (line !== '') onLine(line);
  }
  if (pending !== '') onLine(pending);
}

/**
 * The default sockets of every `sidecars exec` in this container: $TMPDIR/sidecars/*.sock, and
 * those that had to go to the private fallback dir of this user and TMPDIR (when it is private);
 * each entry's default socket first, then those of supervisors that found it taken
 * (`<entry>.<pid>.sock`). A socket whose claim names a supervisor that is gone (SIGKILLed: it
 * could not remove its socket) is left out: nobody answers there.
 */
export async function findDefaultSockets(tmpDir: string, uid: number | null): Promise<StatusAddress[]> {
  const dirs = [path.join(tmpDir, 'sidecars')];
  const fallbackDir = uid !== null ? toFallbackSocketDir(tmpDir, uid) : null;
  if (fallbackDir !== null && uid !== null && (await isPrivateDir(fallbackDir, uid))) dirs.push(fallbackDir);
  const found: StatusAddress[] = [];
  const probe = createHolderProbe();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    const sockets = names.filter((n) => n.endsWith('.sock')).map((n) => path.join(dir, n));
    const isSuffixed = (file: string): number => (toSocketSuffixPid(file) === null ? 0 : 1);
    sockets.sort((a, b) => isSuffixed(a) - isSuffixed(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const file of sockets) {
      if (toSocketPathProblem(file) !== null) continue;
      if (readClaim(toSocketLock(file), probe).kind === 'stale') continue;
      found.push({ kind: 'unix', path: file });
    }
  }
  return found;
}

/**
 * True if the supervisor of a default socket has gone since it was found (its socket removed, or
 * its claim now names a process that is gone): not one that cannot be reached, one that ended.
 */
export function hasGone(address: StatusAddress): boolean {
  if (address.kind !== 'unix') return false;
  return !existsSync(address.path) || readClaim(toSocketLock(address.path)).kind === 'stale';
}
