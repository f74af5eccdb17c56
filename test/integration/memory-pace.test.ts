// The memory limit as a user sees it when a tree grows fast: polled faster as it nears its limit,
// killed on the first sample over it; a tree whose members share pages still has its PSS decide.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { assertNothingLeft } from '../helpers/pids.js';
import { readEvents, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 60_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };
const MB = 1024 * 1024;

function sidecar(name: string, command: string, memoryMb: number) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

test('a leak that bursts to 1 GB/s near its limit is killed before 1.6× the limit', TIMEOUT, async (t) => {
  const { dir } = await makeScratch(t, 'pace-burst');
  const mark = { MARK: path.basename(dir) };
  // 50 MB/s up to 180 MB, then 1 GB/s: a 1 s resting poll alone would see it next anywhere up to
  // ~1 GB; its growth seen on the way up, it is polled every 10 ms before the burst begins
  const config = writeConfig(
    dir,
    runtimeConfig([sidecar('burst', `exec node ${proc('burst-rss.cjs')}`, 200)], PROCESS_CHECK),
  );
  const cli = startSidecars(['exec', '--for', 'web', '--config', config, '--memory-interval-ms', '1000'], {
    env: { ...mark, SLOW_MB: '5', BURST_AT_MB: '180', MAX_MB: '1024' },
  });
  assert.deepEqual(await cli.exited, { code: 137, signal: null });
  const exceeded = readEvents(cli.lines).find((e) => e['event'] === 'memory.exceeded');
  const rss = Number(exceeded?.['rssBytes']);
  assert.ok(rss > 200 * MB && rss < 1.6 * 200 * MB, `killed at ${Math.round(rss / MB)} MB, limit 200 MB`);
  assert.equal(exceeded?.['pssBytes'], null, 'a lone process is judged by its RSS: no PSS read');
  assert.match(String(exceeded?.['msg']), /^burst exceeded its memory limit: \d+ MB > 200 MB/);
  await assertNothingLeft(mark.MARK, [cli.pid]);
});

test(
  'two processes sharing their pages, over the limit by their RSS sum only: PSS says no, they live',
  TIMEOUT,
  async (t) => {
    const { dir } = await makeScratch(t, 'pace-shared');
    const mark = { MARK: path.basename(dir) };
    // 40 MB built in place, then one fork: an RSS sum of ~90 MB (as much private memory, counted
    // twice), a PSS of ~46 MB
    const command = `exec perl -e '$m = ""; $m .= "x" x 1048576 for 1 .. 40; fork // die; sleep 1000'`;
    const config = writeConfig(dir, runtimeConfig([sidecar('pair', command, 64)], PROCESS_CHECK));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env: mark });
    const shared = await waitFor('PSS to say no', () =>
      readEvents(cli.lines).find((e) => e['event'] === 'memory.shared_below_limit'),
    );
    assert.ok(Number(shared['rssBytes']) > 64 * MB);
    assert.ok(Number(shared['pssBytes']) < 64 * MB);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(readEvents(cli.lines).filter((e) => e['event'] === 'memory.exceeded').length, 0);
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    await assertNothingLeft(mark.MARK, [cli.pid]);
  },
);
