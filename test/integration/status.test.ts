import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { startStatus } from '../helpers/run-status.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { toFallbackSocketDir } from '../../src/supervisor/api/status-address.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

test('status finds every exec supervisor by its default socket under $TMPDIR', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'status-find');
  const tmp = path.join(dir, 'tmp');
  const checks = { web: healthCheck({ type: 'process' }), worker: healthCheck({ type: 'process' }) };
  const config = writeConfig(
    dir,
    runtimeConfig(
      [
        { name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 64, sidecarFor: ['web'] },
        { name: 'shipper', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['worker'] },
      ],
      checks,
    ),
  );
  const env = { PIDS_FILE: pidsFile, TMPDIR: tmp };
  const web = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  const worker = startSidecars(['exec', '--for', 'worker', '--config', config], { env });
  t.after(() => {
    web.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
  });
  const webSock = path.join(tmp, 'sidecars', 'sidecars-web.sock');
  const workerSock = path.join(tmp, 'sidecars', 'sidecars-worker.sock');
  await waitFor('both sidecars running', () => readPids(pidsFile).length === 2);
  assert.ok(existsSync(webSock) && existsSync(workerSock));

  const table = startStatus([], { TMPDIR: tmp });
  assert.equal(await table.exited, 0);
  // the memory column's width depends on the sample: compare with runs of spaces collapsed
  const rows = table.stdout.map((line) => line.replace(/\S+ \/ /, '<rss> / ').replace(/ +/g, ' '));
  assert.deepEqual(rows, [
    `unix:${webSock} (running, pid ${web.pid})`,
    'NAME STATE HEALTH MEMORY RESTARTS LAST EXIT',
    'agent running - <rss> / 64 MB 0 -',
    '',
    `unix:${workerSock} (running, pid ${worker.pid})`,
    'NAME STATE HEALTH MEMORY RESTARTS LAST EXIT',
    'shipper running - <rss> / 32 MB 0 -',
  ]);

  const json = startStatus(['--json'], { TMPDIR: tmp });
  assert.equal(await json.exited, 0);
  const body = JSON.parse(json.stdout.join('\n')) as {
    supervisors: Array<{
      address: string;
      finished: boolean;
      processes: Record<string, { state: string; limit_mb: number }>;
    }>;
  };
  assert.deepEqual(
    body.supervisors.map((s) => [
      s.address,
      s.finished,
      Object.entries(s.processes).map(([n, p]) => [n, p.state, p.limit_mb]),
    ]),
    [
      [`unix:${webSock}`, false, [['agent', 'running', 64]]],
      [`unix:${workerSock}`, false, [['shipper', 'running', 32]]],
    ],
  );

  const follow = startStatus(['--follow', '--status', `unix:${webSock}`], {});
  await waitFor('the history', () =>
    follow.stdout.some((l) => l.endsWith('[agent] process.running spawned')),
  );
  web.child.kill('SIGTERM');
  worker.child.kill('SIGTERM');
  assert.equal(await follow.exited, 0, 'follow ends with the run');
  assert.match(
    follow.stdout.at(-1) ?? '',
    /^\d\d:\d\d:\d\d\.\d{3} supervisor\.finished received SIGTERM: stopped 1 process\(es\)$/,
  );
  assert.deepEqual((await web.exited).code, 143);
  assert.deepEqual((await worker.exited).code, 143);
  assert.equal(existsSync(webSock), false);
  await assertAllGone([web.pid, worker.pid, table.pid, json.pid, follow.pid, ...readPids(pidsFile)]);
});

test('status with no supervisor to find says where it looked (exit 1)', TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'status-none');
  const status = startStatus([], { TMPDIR: dir });
  assert.equal(await status.exited, 1);
  assert.deepEqual(status.stderr, [
    `sidecars status: no supervisor found: no socket in ${dir}/sidecars or ${toFallbackSocketDir(dir, process.getuid?.() ?? 0)}`,
    'Pass --status ADDR (the address given to `sidecars run --status` or `exec --status`).',
  ]);
  const gone = startStatus(['--status', `unix:${dir}/nothing.sock`], {});
  assert.equal(await gone.exited, 1);
  assert.match(
    gone.stderr[0] ?? '',
    /^sidecars status: cannot reach the supervisor at unix:.*nothing\.sock: connect ENOENT/,
  );
  await assertAllGone([status.pid, gone.pid]);
});
