import { type IncomingMessage, request } from 'node:http';

import { readEvents, type RunningCli } from './run-sidecars.js';
import { waitFor } from './wait-for.js';

/** Where to reach a state API: `127.0.0.1:PORT` or `unix:PATH`, as the supervisor logs it. */
export function toTarget(address: string): { socketPath: string } | { host: string; port: number } {
  if (address.startsWith('unix:')) return { socketPath: address.slice('unix:'.length) };
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

/** Opens a request and resolves with the response head (the body is still to be read). */
export function openGet(address: string, urlPath: string, method = 'GET'): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ ...toTarget(address), path: urlPath, method }, resolve);
    req.once('error', reject);
    req.end();
  });
}

export async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** GET (or another method) and the whole answer. */
export async function httpGet(
  address: string,
  urlPath: string,
  method = 'GET',
): Promise<{ status: number; type: string; text: string }> {
  const res = await openGet(address, urlPath, method);
  const text = await readBody(res);
  return { status: res.statusCode ?? 0, type: String(res.headers['content-type']), text };
}

/** The address the supervisor logged (`status.listening`). */
export function waitForApi(cli: RunningCli): Promise<string> {
  return waitFor('the state API to listen', () => {
    const event = readEvents(cli.lines).find((e) => e['event'] === 'status.listening');
    return typeof event?.['address'] === 'string' ? event['address'] : undefined;
  });
}

/** NDJSON text → objects. */
export function parseNdjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
