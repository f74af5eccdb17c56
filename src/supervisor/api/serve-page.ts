import type { ServerResponse } from 'node:http';

import type { Censor } from '../secrets/censor.js';

/** The live report page's HTML, made when asked for (its renderer is loaded only then). */
export type LivePage = () => Promise<string>;

/** GET /: the page, masked as every answer is; a failure to render is a 500 with its message. */
export async function servePage(res: ServerResponse, page: LivePage, censor: Censor): Promise<void> {
  let html: string;
  try {
    html = censor.text(await page());
  } catch (error) {
    const text = `${JSON.stringify({ error: 'page_failed', message: censor.text((error as Error).message) })}\n`;
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}
