// The supervisor's memory while it writes the run's page: a real `sidecars exec` whose three
// sidecars each printed 1.2 MB, stopped. What the page costs is the rise of the supervisor's peak
// RSS (the kernel's VmHWM) from the moment it is told to stop (the run's own peak) to its exit (the
// stop and the page, written last). Written as one string, the page raised it by ~30 MB (three logs
// read, decoded, escaped and joined); streamed, by a few MB. The bound, 10 MB, is what is left of
// the declared 64 MB above the ~54 MB the bundled supervisor peaks at running three sidecars
// (`npm run bench page`: 61 MB in all with the page). Not a timing. This test runs the unbundled
// dist/ (which alone takes ~70 MB), so it checks the rise, not the absolute peak; the bench does that.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { waitFor } from '../helpers/wait-for.js';

const LOG_BYTES = 1_200_000;
/** the most writing the page may add to the supervisor's peak (see above) */
const PAGE_RISE_MB = 10;
const LINE = 'page memory 2026-01-01T00:00:00.000Z level=info msg="a line of log" n=42';

function readHwmMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN; // gone
  }
}

function loggedBytes(dir: string): number {
  try {
    return readdirSync(dir)
      .filter((f) => /\.log(\.tmp|\.prev)?$/.test(f))
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

test(
  'three 1.2 MB logs: the supervisor writes the page within its declared memory',
  { timeout: 120_000 },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'page-memory');
    const talker = (name: string) => ({
      name,
      command: `yes '${LINE}' | head -c ${LOG_BYTES}; exec ${proc('sleep-forever.sh')}`,
      memoryMb: 64,
      sidecarFor: ['web'],
    });
    const config = writeConfig(
      dir,
      runtimeConfig([talker('a'), talker('b'), talker('c')], { web: healthCheck({ type: 'process' }) }),
    );
    const artifacts = path.join(dir, 'artifacts');
    const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
      env: { PIDS_FILE: pidsFile },
    });
    let peakMb = 0;
    let ended = false;
    void cli.exited.then(() => (ended = true));
    const sampler = setInterval(() => {
      const hwm = readHwmMb(cli.pid);
      if (Number.isFinite(hwm)) peakMb = Math.max(peakMb, hwm);
    }, 20);
    t.after(() => clearInterval(sampler));
    await waitFor('every log written', () => loggedBytes(artifacts) >= 3 * LOG_BYTES, 60_000);
    const runPeakMb = readHwmMb(cli.pid);
    cli.child.kill('SIGTERM');
    await waitFor('the supervisor to end', () => ended, 60_000);
    clearInterval(sampler);
    const rise = `supervisor peak RSS ${runPeakMb.toFixed(1)} MB running, ${peakMb.toFixed(1)} MB with the page written`;
    t.diagnostic(rise);
    assert.ok(runPeakMb > 0 && peakMb >= runPeakMb, rise);
    assert.ok(peakMb - runPeakMb <= PAGE_RISE_MB, rise);
    const html = readFileSync(path.join(artifacts, 'report.html'), 'utf8');
    for (const name of ['a', 'b', 'c'])
      assert.match(html, new RegExp(`the whole log is <a href="${name}.log">${name}.log</a>`));
    await waitFor('every fixture pid gone', () => alivePids(readPids(pidsFile)).length === 0, 5_000);
    assert.deepEqual(alivePids([cli.pid, ...readPids(pidsFile)]), []);
  },
);
