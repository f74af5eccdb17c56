// Output passes through byte for byte (binary, Latin-1, invalid UTF-8), the supervisor's own lines
// always start on a line of their own, and a flood from five sidecars arrives whole and in order.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { SIDECARS_JS } from '../helpers/run-sidecars.js';
import { SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };

/** Every byte value, Latin-1 text, invalid UTF-8 (a lone continuation byte, an overlong form, a surrogate). */
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\ncafé, été, naïve\n', 'latin1'),
  Buffer.from([0x80, 0x0a, 0xc0, 0xaf, 0x0a, 0xed, 0xa0, 0x80, 0x0a, 0xff, 0xfe, 0x0a]),
]);

function sidecar(name: string, command: string) {
  return { name, command, memoryMb: 64, sidecarFor: ['web'] };
}

/** `sidecars ARGS` with stdout and stderr collected as bytes; SIGTERM when the test ends. */
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

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

/** The lines of `bytes` that start with `prefix`, without it, joined back: what one child wrote. */
function linesOf(bytes: Buffer, prefix: string): Buffer {
  const lines = bytes.toString('latin1').split('\n');
  const mine = lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
  return Buffer.from(mine.map((line) => `${line}\n`).join(''), 'latin1');
}

for (const count of [1, 2]) {
  test(
    `exec, ${count} sidecar(s): binary output passes byte for byte to stdout and into <name>.log`,
    TIMEOUT,
    async (t) => {
      const { dir, pidsFile } = await makeScratch(t, 'bytes');
      const file = path.join(dir, 'binary');
      writeFileSync(file, BINARY);
      // writes after the supervisor's start-up events, then exits 0 (exec then exits 1)
      const bin = `echo $$ >> "$PIDS_FILE"; sleep 0.3; cat ${JSON.stringify(file)}; sleep 0.3`;
      const other = `echo $$ >> "$PIDS_FILE"; exec sleep 1000`;
      const sidecars = count === 1 ? [sidecar('bin', bin)] : [sidecar('bin', bin), sidecar('other', other)];
      const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
      const artifacts = path.join(dir, 'artifacts');
      const cli = startRaw(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
        PIDS_FILE: pidsFile,
      });
      assert.equal(await cli.exited, 1);
      const stdout = cli.stdout();
      if (count === 1) assert.ok(stdout.includes(BINARY), 'stdout holds the bytes as written');
      else assert.ok(linesOf(stdout, '[bin] ').equals(BINARY), 'stdout holds the bytes, every line prefixed');
      assert.ok(
        readFileSync(path.join(artifacts, 'bin.log')).equals(BINARY),
        'bin.log holds the bytes as written',
      );
      await assertAllGone([cli.pid, ...readPids(pidsFile)]);
    },
  );
}

test(
  "exec: a sidecar's unterminated last line is not glued to the supervisor's next event",
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'partial');
    const command = `echo $$ >> "$PIDS_FILE"; sleep 0.3; printf 'progress: 50%%'; exit 3`;
    const config = writeConfig(dir, runtimeConfig([sidecar('bar', command)], PROCESS_CHECK));
    const cli = startRaw(t, ['exec', '--for', 'web', '--config', config], { PIDS_FILE: pidsFile });
    assert.equal(await cli.exited, 3);
    const lines = cli.stdout().toString('utf8').split('\n');
    const at = lines.indexOf('progress: 50%');
    assert.ok(at >= 0, `the partial line is a line of its own in ${JSON.stringify(lines)}`);
    for (const line of lines.filter((l) => l !== 'progress: 50%' && l !== '')) {
      assert.doesNotThrow(() => JSON.parse(line), `every other line is a JSON event: ${line}`);
    }
    const exited = lines.slice(at + 1).map((l) => JSON.parse(l || '{}') as Record<string, unknown>);
    assert.ok(exited.some((e) => e['event'] === 'process.exited' && e['proc'] === 'bar'));
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  "run: a nested exec's sidecar ending mid-line, then its event: two prefixed lines, the event JSON",
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'partial-run');
    const command = `echo $$ >> "$PIDS_FILE"; sleep 0.5; printf 'progress: 50%%'; exit 3`;
    const config = runtimeConfig([sidecar('bar', command)], PROCESS_CHECK);
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: 'echo $$ >> "$PIDS_FILE"; exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const cli = startCleaned(t, ['run', droplet, '--grace-ms', '2000', '--env', `PIDS_FILE=${pidsFile}`], {
      env: {},
    });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const tag = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT ';
    const mine = cli.lines.filter((line) => line.startsWith(tag)).map((line) => line.slice(tag.length));
    const at = mine.indexOf('progress: 50%');
    assert.ok(at >= 0, `the partial line is a line of its own in ${JSON.stringify(mine)}`);
    const next = JSON.parse(mine[at + 1] ?? '') as Record<string, unknown>;
    assert.equal(next['event'], 'process.exited');
    assert.equal(next['proc'], 'bar');
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'exec: five sidecars flooding 200,000 numbered lines each: every line whole and in order',
  { timeout: 120_000 },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'flood');
    const total = 200_000;
    const names = ['a', 'b', 'c', 'd', 'e'];
    const text = (name: string, n: number) => `${name} ${n} the quick brown fox jumps over the lazy dog`;
    const sidecars = names.map((name) =>
      sidecar(
        name,
        `echo $$ >> "$PIDS_FILE"; seq -f '${text(name, 0).replace(' 0 ', ' %.0f ')}' 1 ${total}; exec sleep 1000`,
      ),
    );
    const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
    const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config], {
      env: { PIDS_FILE: pidsFile },
    });
    const last = names.map((name) => `[${name}] ${text(name, total)}`);
    await waitFor(
      'every last line',
      () => cli.lines.length >= names.length * total && last.every((line) => cli.lines.includes(line)),
      100_000,
    );
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    for (const name of names) {
      const prefix = `[${name}] `;
      const got = cli.lines.filter((line) => line.startsWith(prefix));
      assert.equal(got.length, total, `${name}: every line arrived once`);
      const wrong = got.findIndex((line, i) => line !== `${prefix}${text(name, i + 1)}`);
      assert.equal(wrong, -1, `${name}: line ${wrong + 1} is ${JSON.stringify(got[wrong])}`);
    }
    const stray = cli.lines.filter((line) => !line.startsWith('[') && !line.startsWith('{'));
    assert.deepEqual(stray, [], 'no line is a mix of two');
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

/**
 * What a child floods in small writes (one write(2) per line, as console.log on a pipe does):
 * numbered lines of ASCII, CRLF, and UTF-8 characters (which the supervisor's reads cut anywhere),
 * the last left unterminated. The supervisor reads such a flood in chunks of many lines (core/read-pace.ts).
 */
const FLOOD_LINES = 100_000;
const FLOOD_PL = `$| = 1; for my $i (1 .. ${FLOOD_LINES}) { my $l = $i % 3 == 0 ? "l $i caf\\x{c3}\\x{a9} \\x{e2}\\x{82}\\x{ac}\\x{f0}\\x{9f}\\x{98}\\x{80}\\n" : $i % 3 == 1 ? "l $i windows\\r\\n" : "l $i plain\\n"; syswrite(STDOUT, $l); } syswrite(STDOUT, "end, unterminated");`;

function floodBytes(): Buffer {
  const parts: string[] = [];
  for (let i = 1; i <= FLOOD_LINES; i++) {
    parts.push(i % 3 === 0 ? `l ${i} café €😀\n` : i % 3 === 1 ? `l ${i} windows\r\n` : `l ${i} plain\n`);
  }
  parts.push('end, unterminated');
  return Buffer.from(parts.join(''));
}

for (const count of [1, 2]) {
  test(
    `exec, ${count} sidecar(s): a flood of small writes arrives byte for byte on stdout and in <name>.log`,
    { timeout: 120_000 },
    async (t) => {
      const { dir, pidsFile } = await makeScratch(t, 'small-writes');
      const script = path.join(dir, 'flood.pl');
      writeFileSync(script, FLOOD_PL);
      const flood = `echo $$ >> "$PIDS_FILE"; sleep 0.3; perl ${JSON.stringify(script)}; sleep 0.3`;
      const other = `echo $$ >> "$PIDS_FILE"; exec sleep 1000`;
      const sidecars =
        count === 1 ? [sidecar('flood', flood)] : [sidecar('flood', flood), sidecar('other', other)];
      const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
      const artifacts = path.join(dir, 'artifacts');
      const cli = startRaw(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
        PIDS_FILE: pidsFile,
      });
      assert.equal(await cli.exited, 1);
      const expected = floodBytes();
      const stdout = cli.stdout();
      if (count === 1) {
        assert.ok(stdout.includes(expected), 'stdout holds the bytes as written');
        assert.ok(stdout.includes(Buffer.from('end, unterminated\n')), 'the last line is ended');
      } else {
        const mine = linesOf(stdout, '[flood] ');
        assert.equal(
          mine.length,
          expected.length + 1,
          'every byte once, each line prefixed, the last one ended',
        );
        assert.ok(mine.equals(Buffer.concat([expected, Buffer.from('\n')])), 'every line whole and in order');
      }
      assert.ok(
        readFileSync(path.join(artifacts, 'flood.log')).equals(expected),
        'flood.log holds the bytes',
      );
      await assertAllGone([cli.pid, ...readPids(pidsFile)]);
    },
  );
}
