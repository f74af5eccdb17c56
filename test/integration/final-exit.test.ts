// The supervisor's exit once a run is decided (src/cli/final-exit.ts): with its code, its records
// written, no process of the run left, and at once, not after Node.js has drained its event loop
// (NODE_DEBUG=sidecars says which it was). On `exec` and `run`, by a command's death, a signalled
// command and a stop signal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import type { FinishedRecord } from '../../src/supervisor/records/records.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft, readPids } from '../helpers/pids.js';
import { type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
/** In the environment of everything a test starts (the CLI passes it on): finds them all at the end. */
const MARK = 'SIDECARS_TEST_MARK';
const IDLER = `${proc('sleep-forever.sh')}`;

function sidecar(name: string, command: string) {
  return { name, command, memoryMb: 32, sidecarFor: ['web'] };
}

function readFinished(artifacts: string): FinishedRecord {
  return JSON.parse(readFileSync(path.join(artifacts, 'finished.json'), 'utf8')) as FinishedRecord;
}

/** The supervisor's NODE_DEBUG=sidecars line on how it exited. */
function assertExitedAtOnce(cli: RunningCli, code: number): void {
  const said = cli.stderr.filter((l) => /^SIDECARS \d+: exit /.test(l));
  assert.deepEqual(
    said.map((l) => l.replace(/^SIDECARS \d+: /, '')),
    [`exit ${code} at once`],
    cli.stderr.join('\n'),
  );
}

async function startExec(t: TestContext, sidecars: ReturnType<typeof sidecar>[]) {
  const { dir, pidsFile } = await makeScratch(t, 'final-exit');
  const config = writeConfig(dir, runtimeConfig(sidecars, { web: healthCheck({ type: 'process' }) }));
  const artifacts = path.join(dir, 'artifacts');
  const env = { PIDS_FILE: pidsFile, NODE_DEBUG: 'sidecars', TMPDIR: dir, [MARK]: dir };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], { env });
  return { cli, artifacts, pidsFile, mark: dir };
}

test(
  'exec: one of two dies → exits at once with its code, records written, nothing left',
  TIMEOUT,
  async (t) => {
    const run = await startExec(t, [
      sidecar('quitter', `until [ -s "$PIDS_FILE" ]; do sleep 0.01; done; exec ${proc('exit-with.sh')} 3`),
      sidecar('idler', IDLER),
    ]);
    assert.deepEqual(await run.cli.exited, { code: 3, signal: null });
    assertExitedAtOnce(run.cli, 3);
    const finished = readFinished(run.artifacts);
    assert.equal(finished.result, 'FAILURE');
    assert.equal(finished.metadata.exit_code, 3);
    assert.equal(finished.metadata.processes['quitter']?.exit_code, 3);
    assert.equal(finished.metadata.processes['idler']?.signal, 'SIGTERM');
    await assertNothingLeft(run.mark, [run.cli.pid, ...readPids(run.pidsFile)], MARK);
  },
);

test('exec: a command killed by a signal → exits at once with 128+signo', TIMEOUT, async (t) => {
  const run = await startExec(t, [sidecar('victim', 'sleep 0.2; kill -USR1 $$')]);
  assert.deepEqual(await run.cli.exited, { code: 138, signal: null });
  assertExitedAtOnce(run.cli, 138);
  assert.equal(readFinished(run.artifacts).metadata.exit_code, 138);
  await assertNothingLeft(run.mark, [run.cli.pid], MARK);
});

test('exec on SIGTERM: exits at once with 143, records ABORTED, nothing left', TIMEOUT, async (t) => {
  const run = await startExec(t, [sidecar('a', IDLER), sidecar('b', IDLER)]);
  await waitFor('both sidecars to run', () => readPids(run.pidsFile).length >= 2, 10_000);
  run.cli.child.kill('SIGTERM');
  assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
  assertExitedAtOnce(run.cli, 143);
  const finished = readFinished(run.artifacts);
  assert.equal(finished.result, 'ABORTED');
  assert.equal(finished.metadata.exit_code, 143);
  await assertNothingLeft(run.mark, [run.cli.pid, ...readPids(run.pidsFile)], MARK);
});

test(
  'run: the app dies → run and its nested exec exit at once with its code, nothing left',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'final-exit-run');
    const config = runtimeConfig([sidecar('idler', IDLER)], { web: healthCheck({ type: 'process' }) });
    const dropletDir = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: `until [ -s "$PIDS_FILE" ]; do sleep 0.01; done; exec ${proc('exit-with.sh')} 4`,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const port = await freePort();
    const args = [
      'run',
      dropletDir,
      '--port',
      String(port),
      '--grace-ms',
      '2000',
      '--env',
      `PIDS_FILE=${pidsFile}`,
    ];
    const env = { NODE_DEBUG: 'sidecars', [MARK]: dir };
    const cli = startSidecars([...args, '--artifacts', path.join(dir, 'artifacts')], { env });
    assert.deepEqual(await cli.exited, { code: 4, signal: null });
    assertExitedAtOnce(cli, 4);
    assert.equal(readFinished(path.join(dir, 'artifacts')).metadata.exit_code, 4);
    await assertNothingLeft(dir, [cli.pid, ...readPids(pidsFile)], MARK);
  },
);
