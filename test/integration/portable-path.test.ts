// The supervisor on the portable path (ps, pidusage, tree-kill: what macOS and the BSDs run),
// forced on Linux with SIDECARS_PROCESS_PATH=portable: health gating, a memory-limit kill,
// fail-fast, and a whole-tree stop, with real processes and real TCP checks; then the portable
// tree itself on real processes, and which path loads which packages.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import { realClock } from '../../src/common/clock.js';
import { loadPortablePath } from '../../src/supervisor/proc/portable-path.js';
import { BYTES_PER_MB } from '../../src/supervisor/model/tree-sample.js';
import { LISTING_REUSE_MS, PS_TIMEOUT_MS } from '../../src/supervisor/proc/ps-listing.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { runPortGateScenario } from '../helpers/gate-scenario.js';
import { alivePids, assertNothingLeft, isAlive, pidsWithEnv, readPids } from '../helpers/pids.js';
import { readForced } from '../helpers/records.js';
import { readEvents, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };
/** the portable path, and NODE_DEBUG=sidecars to have the supervisor say which path it took */
const PORTABLE = { SIDECARS_PROCESS_PATH: 'portable', NODE_DEBUG: 'sidecars' };

function sidecar(name: string, command: string, memoryMb = 64) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

/** Every process a test starts carries MARK=<its scratch dir>: found wherever it went. */
function marker(dir: string): { MARK: string } {
  return { MARK: path.basename(dir) };
}

function assertPortable(cli: RunningCli): void {
  assert.match(cli.stderr.join('\n'), /^SIDECARS \d+: process path: portable$/m, 'the portable path ran');
}

test('health gating: the sidecar starts only once the web port answers on 127.0.0.1', TIMEOUT, async (t) => {
  const { cli, dir, pids } = await runPortGateScenario(t, 'portable-gate', (scratch) => ({
    ...PORTABLE,
    ...marker(scratch),
  }));
  assertPortable(cli);
  await assertNothingLeft(marker(dir).MARK, pids);
});

test(
  'memory limit: a grandchild growing past 80 MB kills the tree, named with its RSS figure; exit 137',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'portable-oom');
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('hog', `node ${proc('grow-rss.cjs')} & wait`, 80)], PROCESS_CHECK),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '100'], {
      env: { ...PORTABLE, ...marker(dir), PIDS_FILE: pidsFile, STEP_MB: '16', STEP_MS: '100' },
    });
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const exceeded = readEvents(cli.lines).find((e) => e['event'] === 'memory.exceeded');
    // the RSS sum alone decides on this path: no PSS figure beside it
    assert.match(String(exceeded?.['msg']), /^hog exceeded its memory limit: \d+ MB > 80 MB$/);
    assert.equal(exceeded?.['pssBytes'], null);
    assert.ok(Number(exceeded?.['rssBytes']) > 80 * BYTES_PER_MB);
    assert.ok((exceeded?.['pids'] as number[]).length >= 2, 'the sample covered the grandchild');
    assert.match(
      cli.stderr.join('\n'),
      /sidecars exec: hog was killed: hog exceeded its memory limit: \d+ MB > 80 MB$/m,
    );
    assertPortable(cli);
    await assertNothingLeft(marker(dir).MARK, [cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'fail-fast under run: a sidecar exiting 3 stops web and its sibling tree; run exits 3 and names it',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'portable-run');
    const mark = marker(dir);
    const config = runtimeConfig([
      sidecar('quitter', `${proc('exit-with.sh')} 3 0.5`, 32),
      sidecar('idler', proc('spawn-grandchild.sh'), 32),
    ]);
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: `node ${proc('http-server.cjs')}`,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const port = await freePort();
    const cli = startSidecars(
      [
        'run',
        droplet,
        '--port',
        String(port),
        '--grace-ms',
        '2000',
        '--env',
        `PIDS_FILE=${pidsFile}`,
        '--env',
        `MARK=${mark.MARK}`,
        // the nested exec says which path it took, on its stderr
        '--env',
        'NODE_DEBUG=sidecars',
      ],
      { env: PORTABLE },
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    // its last line but NODE_DEBUG's (how it exited)
    assert.equal(
      cli.stderr.filter((line) => !line.startsWith('SIDECARS ')).at(-1),
      'sidecars run: quitter exited with code 3 (sidecars-web); stopped 2 other process(es)',
    );
    const webEnd = readEvents(cli.lines).find((e) => e['proc'] === 'web' && e['event'] === 'process.killed');
    assert.equal(webEnd?.['reason'], 'stopped');
    assert.ok(
      cli.lines.some((l) => l.startsWith('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT [idler] grandchild ')),
    );
    assertPortable(cli);
    assert.ok(
      cli.lines.some((l) =>
        /^\[APP\/PROC\/WEB\/SIDECAR\/SIDECARS-WEB\/0\] ERR SIDECARS \d+: process path: portable$/.test(l),
      ),
      'the nested exec took the portable path too',
    );
    await assertNothingLeft(mark.MARK, [cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'whole-tree stop: SIGTERM to the tree, SIGKILL after the grace period for a child that ignores it (forced)',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'portable-stop');
    const mark = marker(dir);
    const artifacts = path.join(dir, 'artifacts');
    // a child in the group that ignores SIGTERM, a grandchild in a session of its own, a plain child
    const stubborn = [
      `bash -c "trap '' TERM; echo \\$\\$ >> $PIDS_FILE; touch $PIDS_FILE.trapped; exec sleep 1000" &`,
      `${proc('spawn-grandchild.sh')} setsid &`,
      'wait',
    ].join(' ');
    const config = writeConfig(
      dir,
      runtimeConfig(
        [sidecar('stubborn', stubborn), sidecar('plain', proc('sleep-forever.sh'))],
        PROCESS_CHECK,
      ),
    );
    const cli = startSidecars(
      ['exec', '--for', 'web', '--config', config, '--grace-ms', '400', '--artifacts', artifacts],
      { env: { ...PORTABLE, ...mark, PIDS_FILE: pidsFile } },
    );
    // the sidecars' bash, its two children, the setsid grandchild, plain's sleep
    await waitFor('every process of both trees', () => pidsWithEnv('MARK', mark.MARK).length >= 6);
    // a SIGTERM before the trap is set would end the stubborn child at once
    await waitFor('the stubborn child to ignore SIGTERM', () => existsSync(`${pidsFile}.trapped`));
    const signalledAt = Date.now();
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.ok(Date.now() - signalledAt >= 400, 'SIGKILL came before the grace period ended');
    assert.deepEqual(readForced(artifacts), { stubborn: true, plain: false });
    assert.ok(
      readEvents(cli.lines).some((e) => e['event'] === 'process.kill_forced' && e['proc'] === 'stubborn'),
    );
    assertPortable(cli);
    await assertNothingLeft(mark.MARK, [cli.pid, ...readPids(pidsFile)]);
  },
);

/** bash prints "<name> <pid>" lines; the map fills as they come. */
function startTree(script: string): { pid: number; pids: Map<string, number>; exited: Promise<void> } {
  const root = spawn('bash', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
  const pids = new Map<string, number>();
  root.stdout.setEncoding('utf8');
  root.stdout.on('data', (chunk: string) => {
    for (const [, name, pid] of chunk.matchAll(/(\w+) (\d+)/g)) pids.set(name as string, Number(pid));
  });
  const exited = new Promise<void>((resolve) => root.once('exit', () => resolve()));
  return { pid: root.pid as number, pids, exited };
}

test(
  'the portable tree keeps an orphan it saw (own session, no token to sweep for), sums its members through pidusage, stops it',
  TIMEOUT,
  async (t) => {
    const trees = await loadPortablePath();
    // the orphan-to-be leaves the environment token behind: only the tree's own reads can know it
    const tree = startTree(`
      ( env -u SIDECARS_TREES setsid node -e 'const b = Buffer.alloc(64 << 20, 1); setInterval(() => b, 1000)' &
        echo "orphan $!"; wait ) &
      echo "middle $!"
      exec sleep 1000`);
    const all = (): number[] => [tree.pid, ...tree.pids.values()];
    t.after(() => {
      for (const pid of alivePids(all())) process.kill(pid, 'SIGKILL');
    });
    const control = trees.open(tree.pid, realClock, tree.exited);
    await waitFor('both pids', () => tree.pids.size === 2);
    const orphan = tree.pids.get('orphan') as number;
    const sample = await waitFor('a sample with the orphan at 64 MB', async () => {
      const read = await control.sample();
      return read !== null && read.pids.includes(orphan) && read.rssBytes > 64 * BYTES_PER_MB && read;
    });
    assert.equal(sample.pids[0], tree.pid, 'the root first');
    process.kill(tree.pids.get('middle') as number, 'SIGKILL');
    await waitFor('the middle process gone', () => !isAlive(tree.pids.get('middle') as number));
    const orphaned = await control.sample();
    assert.ok(orphaned?.pids.includes(orphan), 'orphaned and in a session of its own, still the tree');
    let forced = false;
    await control.stop(2_000, () => (forced = true));
    assert.equal(forced, false, 'SIGTERM was enough');
    assert.deepEqual(alivePids(all()), []);
    assert.equal(await control.sample(), null, 'no root, no sample');
  },
);

test(
  'no ps on PATH: a stop does not crash the supervisor (tree-kill cannot spawn) and still ends the tree it knew',
  TIMEOUT,
  async (t) => {
    const trees = await loadPortablePath();
    const tree = startTree(
      `setsid sleep 1000 & echo "session $!"; bash -c "trap '' TERM; sleep 1000" & echo "stubborn $!"; wait`,
    );
    const all = (): number[] => [tree.pid, ...tree.pids.values()];
    const path0 = process.env['PATH'];
    t.after(() => {
      process.env['PATH'] = path0;
      for (const pid of alivePids(all())) process.kill(pid, 'SIGKILL');
    });
    const control = trees.open(tree.pid, realClock, tree.exited);
    await waitFor('both pids', () => tree.pids.size === 2);
    await waitFor('a sample with the whole tree', async () => {
      const read = await control.sample();
      return read !== null && all().every((pid) => read.pids.includes(pid));
    });
    process.env['PATH'] = '/nonexistent';
    await sleep(LISTING_REUSE_MS + 5); // past the last listing's reuse
    await assert.rejects(
      control.sample(),
      /ps -A -o pid=,ppid=,pgid=,stat=,lstart= failed/,
      'a failed sample, not a 0',
    );
    let forced = false;
    await control.stop(300, () => (forced = true));
    process.env['PATH'] = path0;
    assert.equal(forced, true, 'the stubborn child needed SIGKILL');
    await waitFor('every process gone', () => alivePids(all()).length === 0, 5_000);
  },
);

test(
  'a ps that hangs: the listing gives up after PS_TIMEOUT_MS, SIGTERM still stops exec, and no ps (the listing, tree-kill walk) outlives it',
  { timeout: 60_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'portable-ps-hangs');
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const psPids = path.join(dir, 'ps-pids');
    // every `ps` (the listing's, tree-kill's walk) records its pid and never answers
    writeFileSync(path.join(bin, 'ps'), `#!/bin/sh\necho $$ >> ${psPids}\nexec sleep 1000\n`, {
      mode: 0o755,
    });
    const config = writeConfig(dir, runtimeConfig([sidecar('agent', 'exec sleep 1000')], PROCESS_CHECK));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--grace-ms', '1000'], {
      env: { ...PORTABLE, ...marker(dir), PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    });
    t.after(() => {
      cli.child.kill('SIGKILL');
      for (const pid of alivePids([...readPids(psPids), ...pidsWithEnv('MARK', marker(dir).MARK)]))
        process.kill(pid, 'SIGKILL');
    });
    await waitFor('a listing to hang', () => readPids(psPids).length > 0);
    cli.child.kill('SIGTERM');
    const exit = await Promise.race([cli.exited, sleep(PS_TIMEOUT_MS + 15_000, 'hung', { ref: false })]);
    assert.deepEqual(exit, { code: 143, signal: null });
    await assertNothingLeft(marker(dir).MARK, [cli.pid, ...readPids(psPids)]);
  },
);

test('the /proc path never loads tree-kill or pidusage; the portable path loads both', TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'portable-loads');
  const preload = path.join(dir, 'list-modules.cjs');
  // at exit, the packages the supervisor loaded, one per line
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_FILE,
      Object.keys(require.cache).map((f) => (/node_modules\\/([^/]+)\\//.exec(f) || [])[1]).filter(Boolean).join('\\n')));`,
  );
  const loaded = async (processPath: string): Promise<string[]> => {
    const modulesFile = path.join(dir, `modules-${processPath}`);
    const config = writeConfig(
      dir,
      runtimeConfig([sidecar('agent', `${proc('exit-with.sh')} 3 0.3`)], PROCESS_CHECK),
    );
    const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '50'], {
      env: {
        SIDECARS_PROCESS_PATH: processPath,
        NODE_OPTIONS: `--require ${preload}`,
        MODULES_FILE: modulesFile,
      },
    });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    return [...new Set(readFileSync(modulesFile, 'utf8').split('\n'))];
  };
  const onProc = await loaded('auto');
  assert.ok(onProc.includes('pino'), `the probe sees packages: ${onProc.join(', ')}`);
  assert.equal(onProc.includes('tree-kill'), false);
  assert.equal(onProc.includes('pidusage'), false);
  const onPortable = await loaded('portable');
  assert.ok(onPortable.includes('tree-kill') && onPortable.includes('pidusage'), onPortable.join(', '));
});
