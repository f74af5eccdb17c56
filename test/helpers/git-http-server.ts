// A git server on 127.0.0.1 speaking git's smart HTTP protocol, as GitHub does: each request runs
// `git http-backend` (git's own CGI program) over the bare repositories of one directory, so that
// `git clone --depth 1 http://127.0.0.1:PORT/repo.git` works as against a real host.
import { spawn } from 'node:child_process';

import { startHttpFixtureServer } from './http-fixture-server.js';

export interface GitHttpServer {
  /** http://127.0.0.1:PORT/<name> of a bare repository under the served directory */
  url(name: string): string;
  /** every `git http-backend` started so far */
  pids: number[];
  close(): Promise<void>;
}

export async function startGitHttpServer(projectRoot: string): Promise<GitHttpServer> {
  const pids: number[] = [];
  const server = await startHttpFixtureServer(async (req, res, url) => {
    const child = spawn('git', ['http-backend'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        HTTP_GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        ...(req.headers['content-length'] === undefined
          ? {}
          : { CONTENT_LENGTH: req.headers['content-length'] }),
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    if (child.pid !== undefined) pids.push(child.pid);
    req.pipe(child.stdin);
    // CGI: header lines, a blank line, then the body
    let head = Buffer.alloc(0);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      res.write(head.subarray(end + 4));
    });
    await new Promise<void>((resolve) => child.once('close', () => resolve()));
    res.end();
  });
  return { url: (name) => `${server.origin}/${name}`, pids, close: () => server.close() };
}
