// The claim under every shared path the supervisor takes (claim-file.ts), raced by real processes
// released at the same moment: on a free path, and on a path whose claim is stale (its holder
// gone, or its pid now another process's), exactly one of them holds it and every other is told
// that one's pid. A holder that exits releases it; nothing else is left behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import { toClaimText } from '../../src/supervisor/claim/claim-holder.js';
import { readBootId, readStartTicks } from '../../src/supervisor/claim/start-time.js';
import { makeScratch } from '../helpers/exec-fixture.js';
import { alivePids } from '../helpers/pids.js';
import { REPO_DIR, type RunningCli } from '../helpers/run-sidecars.js';
import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { startTogether } from '../helpers/start-together.js';
import { waitFor } from '../helpers/wait-for.js';

const CLAIM_DIR = path.join(REPO_DIR, 'dist/src/supervisor/claim');
const PROCESSES = 8;
const ROUNDS = 2;
/**
 * Claims the file, says what came of it, holds it until the `done` file appears, then exits. With
 * a gate, each process stops when it asks about the holder of a claim it found (the stale one),
 * until the gate file appears: all of them have judged it stale before any takes it over.
 */
const SCRIPT = `
import { existsSync, writeFileSync } from 'node:fs';
const [dir, file, done, gate] = process.argv.slice(1);
const { claimFile } = await import(dir + '/claim-file.js');
const { createHolderProbe } = await import(dir + '/claim-holder.js');
const real = createHolderProbe();
const probe = { ...real, startTicks(pid) {
  if (gate !== '' && pid !== process.pid) {
    writeFileSync(gate + '.' + process.pid, '');
    while (!existsSync(gate)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  return real.startTicks(pid);
} };
const outcome = claimFile(file, { by: 'claim test', probe });
console.log(outcome.kind === 'held' ? 'held' : 'taken by ' + outcome.holder.pid);
setInterval(() => { if (existsSync(done)) process.exit(0); }, 20);
`;

async function race(
  t: TestContext,
  dir: string,
  file: string,
  round: string,
  gated: boolean,
): Promise<number[]> {
  const done = path.join(dir, `done-${round.replace(/\W/g, '-')}`);
  const gate = gated ? path.join(dir, `gate-${round.replace(/\W/g, '-')}`) : '';
  const argv = [SHIPPED_NODE, '--input-type=module', '-e', SCRIPT, CLAIM_DIR, file, done, gate];
  const together = await startTogether(t, dir, Array<string[]>(PROCESSES).fill(argv), { env: {} });
  await together.release();
  const { clis } = together;
  if (gated) {
    await waitFor(
      'every process to judge the claim',
      () => clis.every((cli) => existsSync(`${gate}.${cli.pid}`)),
      60_000,
    );
    writeFileSync(gate, '');
  }
  await waitFor('every process to claim', () => clis.every((cli) => cli.lines.length > 0), 60_000);
  const said = clis.map((cli) => cli.lines.join(' '));
  const holders = clis.filter((_, i) => said[i] === 'held');
  assert.equal(holders.length, 1, `${round}: ${said.join('; ')}`);
  const holder = holders[0] as RunningCli;
  assert.deepEqual(
    said.filter((line) => line !== 'held'),
    Array<string>(PROCESSES - 1).fill(`taken by ${holder.pid}`),
    round,
  );
  writeFileSync(done, '');
  for (const cli of clis) assert.deepEqual(await cli.exited, { code: 0, signal: null }, cli.text());
  return clis.map((cli) => cli.pid);
}

test(
  `${PROCESSES} processes claim one file at the same moment (${ROUNDS} rounds each: free; stale, or its pid reused, and every one has judged it stale): exactly one holds it`,
  { timeout: 300_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'claim-race');
    const claims = path.join(dir, 'claims');
    mkdirSync(claims);
    const stranger = spawn('sleep', ['1000'], { stdio: 'ignore' });
    t.after(() => stranger.kill('SIGKILL'));
    const strangerPid = stranger.pid as number;
    const ticks = await waitFor('the stranger to run', () => readStartTicks(strangerPid) ?? undefined);
    const pids: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const file = path.join(claims, `free-${round}.lock`);
      pids.push(...(await race(t, dir, file, `free ${round}`, false)));
      // a holder that exited: its claim is gone, so the next race is on a stale claim of our making
      const gone = pids[0] as number;
      const stale = path.join(claims, `stale-${round}.lock`);
      writeFileSync(stale, toClaimText({ pid: gone, startTicks: 1, bootId: readBootId(), by: 'gone' }, 0));
      pids.push(...(await race(t, dir, stale, `stale ${round}`, true)));
      const reused = path.join(claims, `reused-${round}.lock`);
      writeFileSync(
        reused,
        toClaimText({ pid: strangerPid, startTicks: ticks - 1, bootId: readBootId(), by: 'reused' }, 0),
      );
      pids.push(...(await race(t, dir, reused, `reused ${round}`, true)));
    }
    assert.deepEqual(readdirSync(claims), [], 'every claim released at exit, no takeover claim left');
    stranger.kill('SIGTERM');
    await waitFor('every process gone', () => alivePids([...pids, strangerPid]).length === 0, 5_000);
    assert.deepEqual(alivePids([...pids, strangerPid]), []);
  },
);
