// A hostile sidecar's worst: detached daemons that hold our pipes or escape their tree, children
// that ignore SIGTERM, a working directory that disappears, a pre-fork tree that shares its pages.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, startWebApp, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { readForced } from '../helpers/records.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };

function sidecar(name: string, command: string, memoryMb = 64) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

/** Every process the test started carries MARK=<unique>: found wherever it went, however it detached. */
function marker(dir: string): { MARK: string } {
  return { MARK: path.basename(dir) };
}

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+\)?\n|node:internal/, 'no stack trace');
}

test(
  'a daemon that detached and holds our stdout does not hang exec: exit 3 at once, the daemon is killed',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-hang');
    const mark = marker(dir);
    const config = writeConfig(
      dir,
      runtimeConfig(
        [sidecar('crasher', 'setsid -f sleep 1000; sleep 1; exit 3'), sidecar('idler', 'sleep 1000')],
        PROCESS_CHECK,
      ),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: mark });
    const startedAt = Date.now();
    await waitFor('the daemon to start', () => pidsWithEnv('MARK', mark.MARK).length >= 3);
    const exit = await Promise.race([
      cli.exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref()),
    ]);
    if (exit === 'hung') cli.child.kill('SIGKILL');
    assert.deepEqual(exit, { code: 3, signal: null });
    assert.ok(Date.now() - startedAt < 8_000, `exec took ${Date.now() - startedAt} ms to exit`);
    assert.match(cli.stderr.join('\n'), /sidecars exec: crasher exited with code 3/);
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);

test(
  'the same daemon under run: run exits 3 at once, naming the sidecar and its nested exec, and nothing is left',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-hang-run');
    const mark = marker(dir);
    const config = runtimeConfig(
      [sidecar('crasher', 'setsid -f sleep 1000; sleep 1; exit 3'), sidecar('idler', 'sleep 1000')],
      PROCESS_CHECK,
    );
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: 'exec sleep 1000',
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const port = await freePort();
    const cli = startSidecars(
      ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--env', `MARK=${mark.MARK}`],
      { env: {} },
    );
    const exit = await Promise.race([
      cli.exited,
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 20_000).unref()),
    ]);
    if (exit === 'hung') cli.child.kill('SIGKILL');
    assert.deepEqual(exit, { code: 3, signal: null });
    assert.match(cli.stderr.join('\n'), /sidecars run: crasher exited with code 3 \(sidecars-web\)/);
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);

test(
  'a detached memory hog counts against its sidecar: killed for oom, exit 137, nothing left',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-escaped-hog');
    const mark = marker(dir);
    const hog = `setsid -f node ${proc('grow-rss.cjs')}; exec sleep 1000`;
    const config = writeConfig(dir, runtimeConfig([sidecar('agent', hog, 64)], PROCESS_CHECK));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
      env: { ...mark, STEP_MB: '16', STEP_MS: '50', MAX_MB: '200' },
    });
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const exceeded = readEvents(cli.lines).find((e) => e['event'] === 'memory.exceeded');
    assert.match(String(exceeded?.['msg']), /^agent exceeded its memory limit: \d+ MB > 64 MB/);
    assert.ok((exceeded?.['pids'] as number[]).length >= 2, 'the sample counted the detached hog');
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);

test("SIGTERM to exec stops a daemon that left its sidecar's session too", TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'fault-escaped-term');
  const mark = marker(dir);
  const daemon = '( setsid bash -c "trap \'\' TERM; exec sleep 1000" & ); exec sleep 1000';
  const config = writeConfig(dir, runtimeConfig([sidecar('agent', daemon)], PROCESS_CHECK));
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--grace-ms', '300'], { env: mark });
  await waitFor('the daemon to start', () => pidsWithEnv('MARK', mark.MARK).length >= 3);
  cli.child.kill('SIGTERM');
  assert.deepEqual(await cli.exited, { code: 143, signal: null });
  await assertNothingLeft(mark.MARK, [cli.pid]);
});

test(
  'finished.json says forced when a child of the sidecar needed SIGKILL, though the root went on SIGTERM',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-forced');
    const mark = marker(dir);
    const artifacts = path.join(dir, 'artifacts');
    const trapped = path.join(dir, 'trapped');
    const stubborn = `bash -c "trap '' TERM; touch ${trapped}; exec sleep 1000" & wait`;
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('stubborn', stubborn), sidecar('plain', 'sleep 1000')], PROCESS_CHECK),
    );
    const cli = startSidecars(
      ['exec', '--for', 'web', '--config', config, '--grace-ms', '400', '--artifacts', artifacts],
      { env: mark },
    );
    await waitFor('both sidecars and the child', () => pidsWithEnv('MARK', mark.MARK).length >= 4);
    // a SIGTERM before the trap is set would end the stubborn child at once
    await waitFor('the stubborn child to ignore SIGTERM', () => existsSync(trapped));
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.deepEqual(readForced(artifacts), { stubborn: true, plain: false });
    assert.ok(
      readEvents(cli.lines).some((e) => e['event'] === 'process.kill_forced' && e['proc'] === 'stubborn'),
    );
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);

test(
  'a working directory deleted under exec is named, not reported as "spawn bash ENOENT"',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-cwd');
    const mark = marker(dir);
    const port = await freePort();
    const appDir = path.join(dir, 'app');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(appDir);
    const config = writeConfig(dir, runtimeConfig([sidecar('agent', 'sleep 1000')]));
    const env = { ...mark, PORT: String(port) };
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env, cwd: appDir });
    await waitFor('exec to wait at its gate', () =>
      readEvents(cli.lines).some((e) => e['event'] === 'process.waiting'),
    );
    rmSync(appDir, { recursive: true });
    const web = startWebApp(env);
    try {
      assert.deepEqual(await cli.exited, { code: 1, signal: null });
    } finally {
      web.stop();
    }
    const text = cli.text();
    assert.match(
      text,
      new RegExp(`agent could not be started: its working directory ${appDir} does not exist \\(any more\\)`),
    );
    assert.doesNotMatch(text, /spawn bash ENOENT/);
    assertNoStackTrace(text);
    await assertNothingLeft(mark.MARK, [cli.pid, web.pid]);
  },
);

/**
 * perl: touches `sharedMb`, forks `workers` (every page shared copy-on-write), then each of the
 * 1 + workers processes touches `ownMb` of its own. Each string is built in place, 1 MB at a time:
 * `"x" x N` holds a second copy for a moment, a peak that a poll sped up by the growth now sees.
 */
function preforkServer(sharedMb: number, workers: number, ownMb: number): string {
  const fork = `for (1..${workers}) { my $p = fork // die; last unless $p }`;
  const touch = (name: string, mb: number): string =>
    `$${name} = ""; $${name} .= "x" x 1048576 for 1 .. ${mb};`;
  return `exec perl -e '${touch('m', sharedMb)} ${fork} sleep 1; ${touch('o', ownMb)} sleep 1000'`;
}

test(
  'a pre-fork server sharing its pages is charged once (PSS): under its limit it lives, over it it is killed',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'fault-prefork');
    const mark = marker(dir);
    // 40 MB shared by 6 processes: an RSS sum of ~250 MB, a PSS of ~45 MB; with 12 MB more each, ~115 MB
    const config = writeConfig(
      dir,
      runtimeConfig(
        [
          sidecar('prefork', preforkServer(40, 5, 0), 128),
          sidecar('greedy', `sleep 1; ${preforkServer(40, 5, 12)}`, 90),
        ],
        PROCESS_CHECK,
      ),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: mark });
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const events = readEvents(cli.lines);
    const shared = events.find((e) => e['event'] === 'memory.shared_below_limit');
    assert.equal(shared?.['proc'], 'prefork', 'prefork went over by its RSS sum, and PSS said no');
    assert.ok(Number(shared?.['rssBytes']) > 128 * 1024 * 1024);
    const exceeded = events.filter((e) => e['event'] === 'memory.exceeded');
    assert.deepEqual(
      exceeded.map((e) => e['proc']),
      ['greedy'],
      'only the tree really over its limit is killed',
    );
    assert.match(
      String(exceeded[0]?.['msg']),
      /^greedy exceeded its memory limit: \d+ MB > 90 MB \(PSS; RSS \d+ MB\)$/,
    );
    const pss = Number(exceeded[0]?.['pssBytes']);
    const rss = Number(exceeded[0]?.['rssBytes']);
    assert.ok(
      pss > 90 * 1024 * 1024 && pss < rss / 2,
      `PSS ${pss} counts the shared pages once, RSS ${rss} six times`,
    );
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);
