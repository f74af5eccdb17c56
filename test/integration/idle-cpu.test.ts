// The supervisor at rest: idle sidecars (a `sleep`, a daemon waiting in `select`) cost it about one
// wake a second, not one per poll, and their memory is still watched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { assertNothingLeft, pidsWithEnv } from '../helpers/pids.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 60_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };
const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function sidecar(name: string, command: string, memoryMb: number) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

/** How many times the supervisor's main thread has gone to sleep and been woken (timers, I/O). */
function readWakes(pid: number): number {
  const match = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
  return Number(match?.[1]);
}

test(
  '20 idle sidecars at the default 250 ms poll: the supervisor wakes about once a second, not four times',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'idle-wakes');
    const mark = { MARK: path.basename(dir) };
    const sidecars = Array.from({ length: 20 }, (_, i) => sidecar(`idle${i}`, 'exec sleep 1000', 16));
    const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: mark });
    await waitFor('the 20 sleeps', () => pidsWithEnv('MARK', mark.MARK).length >= 20);
    await sleep(1_500); // their rests grow to 4 polls (1 s) within the first second
    const before = readWakes(cli.pid);
    await sleep(4_000);
    const wakes = readWakes(cli.pid) - before;
    // every poll at 250 ms would be 16 in 4 s, plus the sweeps; one a second is 4
    assert.ok(wakes <= 10, `${wakes} wakes in 4 s`);
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);

test(
  'a sidecar idle for seconds (its tree rests between polls) that wakes up and grows past its limit is killed',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'idle-waker');
    const mark = { MARK: path.basename(dir) };
    // asleep for 3 s (rested: read once a second), then 100 MB in one go against a 64 MB limit
    const grow = `exec perl -e 'sleep 3; $m = ""; $m .= "x" x 1048576 for 1 .. 100; sleep 1000'`;
    const sidecars = [
      sidecar('waker', grow, 64),
      ...Array.from({ length: 5 }, (_, i) => sidecar(`idle${i}`, 'exec sleep 1000', 16)),
    ];
    const config = writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: mark });
    assert.deepEqual(await cli.exited, { code: 137, signal: null });
    const exceeded = readEvents(cli.lines).find((e) => e['event'] === 'memory.exceeded');
    assert.equal(exceeded?.['proc'], 'waker');
    assert.ok(Number(exceeded?.['rssBytes']) > 64 * MB);
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);
