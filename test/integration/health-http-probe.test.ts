// probeHttp against real servers on loopback (the apps under check, started here with node:http and
// node:https): each point where the platform's check (Go's http.Client) decides.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import path from 'node:path';
import { type TestContext, test } from 'node:test';
import { promisify } from 'node:util';

import '../helpers/no-warnings.js';

import { probeHttp } from '../../src/supervisor/health/http.js';
import { REPO_DIR } from '../helpers/run-sidecars.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const TIMEOUT = { timeout: 20_000 };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A server on `host`, closed after the test; returns its origin and the requests it saw. */
async function serve(t: TestContext, handler: Handler, host = '127.0.0.1', server?: TlsServer) {
  const seen: IncomingMessage[] = [];
  const srv: Server | TlsServer = server ?? createServer();
  srv.on('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => srv.listen(0, host, resolve));
  t.after(() => {
    srv.closeAllConnections();
    srv.close();
  });
  const address = srv.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { origin: `${server === undefined ? 'http' : 'https'}://${host}:${port}`, seen };
}

/** Runs `fn` after `ms`, unless the connection closed first. */
function later(res: ServerResponse, ms: number, fn: () => void): void {
  const timer = setTimeout(fn, ms);
  res.on('close', () => clearTimeout(timer));
}

test('only 200 passes: other 2xx and 3xx without Location fail with their status', TIMEOUT, async (t) => {
  const { origin } = await serve(t, (req, res) => res.writeHead(Number(req.url?.slice(1))).end());
  assert.deepEqual(await probeHttp(`${origin}/200`, 1_000), { ok: true });
  for (const status of [201, 204, 299, 302, 304, 404, 500]) {
    assert.deepEqual(await probeHttp(`${origin}/${status}`, 1_000), { ok: false, detail: `HTTP ${status}` });
  }
});

test('9 redirects pass; at the 10th the check fails, as Go stops', TIMEOUT, async (t) => {
  // /c/LIMIT/N redirects to /c/LIMIT/N+1 until N = LIMIT, which answers 200
  const { origin, seen } = await serve(t, (req, res) => {
    const [limit, n] = (req.url ?? '').split('/').slice(2).map(Number) as [number, number];
    if (n < limit) res.writeHead(302, { location: `/c/${limit}/${n + 1}` }).end();
    else res.writeHead(200).end('ok');
  });
  assert.deepEqual(await probeHttp(`${origin}/c/9/0`, 2_000), { ok: true });
  assert.equal(seen.length, 10);
  assert.deepEqual(await probeHttp(`${origin}/c/10/0`, 2_000), {
    ok: false,
    detail: 'HTTP 302: stopped after 10 redirects',
  });
  assert.equal(seen.length, 20, 'the 11th request is never sent');
});

test(
  '301, 302, 303, 307, 308 are followed with GET, to another host too, headers kept',
  TIMEOUT,
  async (t) => {
    const other = await serve(
      t,
      (req, res) => {
        if (req.url === '/b') res.writeHead(308, { location: '/c' }).end();
        else res.writeHead(200).end('ok');
      },
      '127.0.0.2',
    );
    const first = await serve(t, (req, res) => {
      const next: Record<string, [number, string]> = {
        '/start': [301, '/one'],
        '/one': [302, 'two'],
        '/two': [303, '/three?x=1#frag'],
        '/three?x=1': [307, `${other.origin}/b`],
      };
      const [status, location] = next[req.url ?? ''] ?? [404, ''];
      res.writeHead(status, { location }).end();
    });
    assert.deepEqual(await probeHttp(`${first.origin}/start`, 2_000), { ok: true });
    const all = [...first.seen, ...other.seen];
    assert.deepEqual(
      all.map((r) => [r.method, r.url, r.headers['referer']]),
      [
        ['GET', '/start', undefined],
        ['GET', '/one', `${first.origin}/start`],
        ['GET', '/two', `${first.origin}/one`],
        ['GET', '/three?x=1', `${first.origin}/two`],
        ['GET', '/b', `${first.origin}/three?x=1`],
        ['GET', '/c', `${other.origin}/b`],
      ],
    );
    for (const req of all) {
      assert.equal(req.headers['user-agent'], 'diego-healthcheck');
      assert.equal(req.headers['x-forwarded-proto'], 'https');
      assert.equal(req.headers['accept-encoding'], 'gzip');
    }
  },
);

test('a redirect Go refuses fails with a clear detail', TIMEOUT, async (t) => {
  const { origin } = await serve(t, (req, res) => {
    const location = req.url === '/ftp' ? 'ftp://127.0.0.1/x' : 'http://[::1';
    res.writeHead(302, { location }).end();
  });
  assert.deepEqual(await probeHttp(`${origin}/ftp`, 1_000), {
    ok: false,
    detail: 'HTTP 302 to an unsupported protocol scheme "ftp"',
  });
  assert.deepEqual(await probeHttp(`${origin}/bad`, 1_000), {
    ok: false,
    detail: 'HTTP 302 with a Location that is not a URL',
  });
});

test('one deadline covers the whole chain, the redirect hops included', TIMEOUT, async (t) => {
  const { origin } = await serve(t, (req, res) => {
    if (req.url === '/r') later(res, 200, () => res.writeHead(302, { location: '/slow' }).end());
    else later(res, 2_000, () => res.writeHead(200).end('late'));
  });
  const startedAt = Date.now();
  assert.deepEqual(await probeHttp(`${origin}/r`, 400), {
    ok: false,
    detail: `no answer within 400 ms at ${origin}/slow after 1 redirect`,
  });
  const tookMs = Date.now() - startedAt;
  assert.ok(tookMs >= 390 && tookMs < 1_000, `took ${tookMs} ms`);
});

test('the body is read to its end; cut by the deadline, the status still decides', TIMEOUT, async (t) => {
  const { origin } = await serve(t, (req, res) => {
    const status = Number(req.url?.split('/')[1]);
    res.writeHead(status);
    res.write('x'.repeat(100));
    later(res, Number(req.url?.split('/')[2]), () => res.end('x'));
  });
  const timed = async (url: string, timeoutMs: number) => {
    const startedAt = Date.now();
    const result = await probeHttp(url, timeoutMs);
    return { result, tookMs: Date.now() - startedAt };
  };
  const complete = await timed(`${origin}/200/300`, 1_000);
  assert.deepEqual(complete.result, { ok: true });
  assert.ok(complete.tookMs >= 290, `passed after ${complete.tookMs} ms, before the body ended`);
  const cut = await timed(`${origin}/200/5000`, 400);
  assert.deepEqual(cut.result, { ok: true });
  assert.ok(cut.tookMs >= 390 && cut.tookMs < 1_500, `took ${cut.tookMs} ms`);
  const failed = await timed(`${origin}/500/5000`, 400);
  assert.deepEqual(failed.result, { ok: false, detail: 'HTTP 500' });
  assert.ok(failed.tookMs >= 390 && failed.tookMs < 1_500, `took ${failed.tookMs} ms`);
});

test('a redirect body under 2 KiB is read before following, as Go does', TIMEOUT, async (t) => {
  const { origin } = await serve(t, (req, res) => {
    if (req.url === '/ok') return void res.writeHead(200).end('ok');
    res.writeHead(302, { location: '/ok' });
    res.write(req.url === '/big' ? 'x'.repeat(4096) : 'moved'); // /stall: never ends
  });
  assert.deepEqual(await probeHttp(`${origin}/big`, 1_000), { ok: true });
  assert.deepEqual(await probeHttp(`${origin}/stall`, 400), {
    ok: false,
    detail: `no answer within 400 ms at ${origin}/ok after 1 redirect`,
  });
});

test('an https redirect is verified against the CA bundle as Go finds it', TIMEOUT, async (t) => {
  const dir = await makeTempDir(t);
  const tls = await makeCertificates(dir);
  const secure = await serve(t, (_req, res) => res.writeHead(200).end('ok'), '127.0.0.1', tls.server);
  const { origin } = await serve(t, (_req, res) =>
    res.writeHead(301, { location: `${secure.origin}/ok` }).end(),
  );
  const untrusted = await probeHttp(`${origin}/`, 2_000, { caFiles: [path.join(dir, 'none.pem')] });
  assert.deepEqual(untrusted, {
    ok: false,
    detail: `UNABLE_TO_VERIFY_LEAF_SIGNATURE at ${secure.origin}/ok after 1 redirect`,
  });
  const systemRoots = await probeHttp(`${origin}/`, 2_000);
  assert.equal(systemRoots.ok, false, 'a private CA is not in the system bundle');
  const trusted = await probeHttp(`${origin}/`, 2_000, { caFiles: [path.join(dir, 'none.pem'), tls.caFile] });
  assert.deepEqual(trusted, { ok: true });
  assert.equal(secure.seen.at(-1)?.headers['x-forwarded-proto'], 'https');
});

test('node:http loads with the first check, node:https only with an https redirect', TIMEOUT, async (t) => {
  const dir = await makeTempDir(t);
  const tls = await makeCertificates(dir);
  const secure = await serve(t, (_req, res) => res.writeHead(200).end('ok'), '127.0.0.1', tls.server);
  const { origin } = await serve(t, (req, res) => {
    if (req.url === '/to-https') res.writeHead(302, { location: `${secure.origin}/` }).end();
    else if (req.url === '/to-http') res.writeHead(302, { location: '/ok' }).end();
    else res.writeHead(200).end('ok');
  });
  const httpJs = path.join(REPO_DIR, 'dist/src/supervisor/health/http.js');
  const script = `
    const loaded = (m) => process.moduleLoadList.includes('NativeModule ' + m);
    const { probeHttp } = await import(${JSON.stringify(httpJs)});
    const out = { atImport: [loaded('http'), loaded('https'), loaded('tls')] };
    out.plain = await probeHttp(${JSON.stringify(`${origin}/to-http`)}, 2000);
    out.afterPlain = [loaded('http'), loaded('https'), loaded('tls')];
    out.secure = await probeHttp(${JSON.stringify(`${origin}/to-https`)}, 2000, { caFiles: [${JSON.stringify(tls.caFile)}] });
    out.afterSecure = [loaded('http'), loaded('https'), loaded('tls')];
    console.log(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(SHIPPED_NODE, ['--input-type=module', '-e', script]);
  assert.deepEqual(JSON.parse(stdout), {
    atImport: [false, false, false],
    plain: { ok: true },
    afterPlain: [true, false, false],
    secure: { ok: true },
    afterSecure: [true, true, true],
  });
});

/** A private CA and a certificate for IP 127.0.0.1 it signed, made with the openssl CLI. */
async function makeCertificates(dir: string): Promise<{ caFile: string; server: TlsServer }> {
  const run = (args: string[]) => promisify(execFile)('openssl', args, { cwd: dir });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca-key.pem',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=sidecars test CA',
  ]);
  await run(['req', ...ec, '-keyout', 'key.pem', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  await writeFile(path.join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  await run([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-CAcreateserial',
    '-out',
    'cert.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  ]);
  const server = createTlsServer({
    key: await readFile(path.join(dir, 'key.pem')),
    cert: await readFile(path.join(dir, 'cert.pem')),
  });
  return { caFile: path.join(dir, 'ca.pem'), server };
}
