// Issue 18.5: a line longer than 64 KiB is cut into pieces between two UTF-8 characters, so that
// each piece decodes on its own (no U+FFFD on the platform's log stream), in run's output and in
// the run records; bytes that are not UTF-8 pass unaltered. A failing exec check's detail (the one
// place the events show a line of a child's output) is whole characters too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { openGet, parseNdjson, readBody } from '../helpers/http-client.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { SIDECARS_JS } from '../helpers/run-sidecars.js';
import { startStatus } from '../helpers/run-status.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { waitFor } from '../helpers/wait-for.js';
import { MAX_LINE_BYTES } from '../../src/supervisor/core/line-output.js';

const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };
const NEWLINE = Buffer.from('\n');
/** the only bytes of the line with invalid UTF-8 that are ASCII: tells its pieces from the others' */
const INVALID_MARK = 0x7a; // z
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Lines of 70,000 2-, 3- and 4-byte characters, each after as many ASCII bytes as put the cut at
 * MAX_LINE_BYTES 1, 2 or 3 bytes into a character; then a line with invalid UTF-8 at the cut.
 */
function toLongLines(): Buffer[] {
  const lines: Buffer[] = [];
  for (const char of ['é', '€', '😀']) {
    const width = Buffer.byteLength(char);
    for (let into = 1; into < width; into++) {
      const lead = 'a'.repeat((MAX_LINE_BYTES - into) % width);
      const line = Buffer.from(`${lead}${char.repeat(70_000)}`);
      assert.ok(
        line.subarray(0, MAX_LINE_BYTES).toString().endsWith('\ufffd'),
        'the limit splits a character',
      );
      lines.push(line);
    }
  }
  const invalid = Buffer.from([0xe2, 0xe9, 0xff, 0x80, 0xc3]);
  lines.push(
    Buffer.concat([Buffer.alloc(MAX_LINE_BYTES - 2, INVALID_MARK), invalid, Buffer.alloc(100, INVALID_MARK)]),
  );
  return lines;
}

/** `sidecars ARGS` with its stdout collected as bytes; SIGTERM when the test ends. */
function startRaw(t: TestContext, args: string[], env: Record<string, string>) {
  const child = spawn(SHIPPED_NODE, [SIDECARS_JS, ...args], {
    env: { PATH: toShippedPath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  const stdout: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { pid: child.pid ?? 0, exited, stdout: () => Buffer.concat(stdout) };
}

/** The lines of `bytes` (as bytes), without their newline. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const end = bytes.indexOf(NEWLINE, at);
    if (end < 0) break;
    lines.push(bytes.subarray(at, end));
    at = end + 1;
  }
  return lines;
}

const startsWith = (line: Buffer, prefix: string): boolean =>
  line.subarray(0, prefix.length).toString() === prefix;

/**
 * Checks the pieces of `printer`'s lines: none longer than the limit, each (but the invalid line's)
 * decoding without U+FFFD; put together, the lines as written.
 */
function assertPieces(pieces: readonly Buffer[], lines: readonly Buffer[], where: string): void {
  assert.ok(pieces.length > lines.length, `${where}: the long lines were cut`);
  for (const piece of pieces) {
    assert.ok(piece.length <= MAX_LINE_BYTES, `${where}: a piece of ${piece.length} bytes`);
    if (piece.includes(INVALID_MARK)) continue;
    const text = piece.toString('utf8');
    assert.ok(!text.includes('\ufffd'), `${where}: a piece ends with ${JSON.stringify(text.slice(-3))}`);
  }
  const joined = Buffer.concat(pieces);
  const expected = Buffer.concat(lines);
  assert.ok(joined.equals(expected), `${where}: the pieces put together are the lines`);
}

test(
  'run: lines over 64 KiB of 2-, 3- and 4-byte characters are cut between characters, in its output and its records; invalid UTF-8 at a cut passes unaltered',
  { timeout: 60_000 },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'long-lines');
    const lines = toLongLines();
    const file = path.join(dir, 'lines');
    writeFileSync(file, Buffer.concat(lines.flatMap((line) => [line, NEWLINE])));
    const sidecar = (name: string, command: string) => ({ name, command, memoryMb: 64, sidecarFor: ['web'] });
    // two sidecars: the nested exec prefixes and cuts its lines, then run cuts its own again
    const config = runtimeConfig(
      [
        sidecar('printer', `echo $$ >> "$PIDS_FILE"; sleep 0.3; cat ${JSON.stringify(file)}; sleep 0.3`),
        sidecar('idle', proc('sleep-forever.sh')),
      ],
      PROCESS_CHECK,
    );
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: 'echo $$ >> "$PIDS_FILE"; exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const artifacts = path.join(dir, 'artifacts');
    const cli = startRaw(
      t,
      ['run', droplet, '--grace-ms', '2000', '--artifacts', artifacts, '--env', `PIDS_FILE=${pidsFile}`],
      {},
    );
    // the printer exits 0: its exec exits 1, and so does run
    assert.equal(await cli.exited, 1);

    const tag = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT ';
    const nested = '[printer] ';
    const runPieces = splitLines(cli.stdout())
      .filter((line) => startsWith(line, tag))
      .map((line) => line.subarray(tag.length));
    for (const piece of runPieces) {
      if (piece.includes(INVALID_MARK)) continue;
      assert.ok(!piece.toString('utf8').includes('\ufffd'), "run's output: a piece splits a character");
    }
    // run cut the nested exec's pieces too: a piece of run's that does not start a line of the
    // nested exec's (`[name] …`, or one of its JSON events) goes on the one before
    const execPieces: Buffer[][] = [];
    let current: Buffer[] | null = null;
    for (const piece of runPieces) {
      if (startsWith(piece, nested)) execPieces.push((current = [piece.subarray(nested.length)]));
      else if (startsWith(piece, '[') || startsWith(piece, '{')) current = null;
      else current?.push(piece);
    }
    assertPieces(
      execPieces.map((parts) => Buffer.concat(parts)),
      lines,
      "run's output",
    );

    // run's record of the nested exec: its output as run read it, in the nested exec's pieces
    const record = splitLines(readFileSync(path.join(artifacts, 'sidecars-web.log')))
      .filter((line) => startsWith(line, nested))
      .map((line) => line.subarray(nested.length));
    assertPieces(record, lines, 'sidecars-web.log');
    // the nested exec's own record of the printer: its bytes as written, uncut
    assert.ok(readFileSync(path.join(artifacts, 'sidecars-web', 'printer.log')).equals(readFileSync(file)));

    await waitFor(
      'every started pid to be gone',
      () => alivePids([cli.pid, ...readPids(pidsFile)]).length === 0,
    );
    assert.deepEqual(alivePids([cli.pid, ...readPids(pidsFile)]), []);
  },
);

test(
  "exec: a failing exec check's last line, long and of 4-byte characters, shows whole characters in /events and `status --follow`",
  { timeout: 30_000 },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'check-detail');
    // an ASCII byte first: the start of the output kept (4 KiB, which the 40,002-byte line
    // overruns) falls inside a character, and so would the detail's cut (200 UTF-16 units) there
    const file = path.join(dir, 'check-output');
    writeFileSync(file, `a${'😀'.repeat(10_000)}\n`);
    const check = healthCheck({
      type: 'exec',
      command: `cat ${JSON.stringify(file)}; exit 1`,
      timeoutMs: 3_000,
      intervalMs: 60_000,
    });
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          {
            name: 'agent',
            command: proc('sleep-forever.sh'),
            memoryMb: 64,
            sidecarFor: ['web'],
            healthCheck: check,
          },
        ],
        PROCESS_CHECK,
      ),
    );
    const socket = path.join(dir, 'api.sock');
    const cli = startRaw(t, ['exec', '--for', 'web', '--config', config, '--status', `unix:${socket}`], {
      PIDS_FILE: pidsFile,
    });
    await waitFor('the sidecar', () => readPids(pidsFile).length > 0);
    const events = openGet(`unix:${socket}`, '/events').then(readBody);
    const follow = startStatus(['--follow', '--status', `unix:${socket}`], {});
    // the check never passes within its timeout: the sidecar is a failure, exec exits 1
    assert.equal(await cli.exited, 1);
    assert.equal(await follow.exited, 0);

    const failed = parseNdjson(await events).filter((e) => e['type'] === 'health.failed');
    assert.ok(failed.length > 0, 'the check failed');
    for (const event of failed) {
      const detail = String(event['detail']);
      assert.match(detail, /exit code 1: 😀+\)?$/u, 'its last line, from a whole character');
      assert.ok(!LONE_SURROGATE.test(detail) && !detail.includes('\ufffd'), JSON.stringify(detail.slice(-4)));
    }
    const shown = follow.stdout.filter((line) => line.includes('health.failed'));
    assert.ok(shown.length > 0, '`status --follow` shows the failure');
    for (const line of shown) assert.ok(!line.includes('\ufffd'), `status --follow: ${line.slice(-20)}`);

    await waitFor(
      'every started pid to be gone',
      () => alivePids([cli.pid, follow.pid, ...readPids(pidsFile)]).length === 0,
    );
    assert.deepEqual(alivePids([cli.pid, follow.pid, ...readPids(pidsFile)]), []);
  },
);
