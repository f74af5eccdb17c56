// Issue 18.7: a slow reader of the supervisor's stdout makes the sidecars block in write(), not the
// supervisor buffer their output. The supervisor runs as it is packaged (bin/sidecars, the bundles,
// the shipped Node.js), because its memory is what launch.yml declares; every byte still arrives.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import '../helpers/no-warnings.js';

import { createSupervisor } from '../bench/supervisor-layout.js';
import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { waitFor } from '../helpers/wait-for.js';
import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../../src/config/schema.js';

const SIDECARS = ['a', 'b', 'c', 'd', 'e'];
const BYTES_EACH = 200 * 1024 * 1024;
/** how long nothing reads the supervisor's stdout (the children fill every pipe meanwhile) */
const STALL_MS = 3_000;
const NEWLINE = 0x0a;
/** `[a] ` */
const PREFIX_BYTES = 4;

/** The peak RSS of `pid` so far (VmHWM, the kernel's own high-water mark), in MB. */
function readPeakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Counts the bytes of each `[x] ` line's content (binary: no newline of their own). */
function createCounter(names: readonly string[]) {
  const counts = new Map(names.map((name) => [`[${name}] `, 0]));
  let pending = Buffer.alloc(0);
  return {
    counts,
    take(chunk: Buffer): void {
      const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (let end = bytes.indexOf(NEWLINE, at); end >= 0; end = bytes.indexOf(NEWLINE, at)) {
        const prefix = bytes.toString('latin1', at, Math.min(end, at + PREFIX_BYTES));
        const count = counts.get(prefix);
        if (count !== undefined) counts.set(prefix, count + end - at - prefix.length);
        at = end + 1;
      }
      pending = Buffer.from(bytes.subarray(at));
    },
  };
}

test(
  `exec: five sidecars writing 200 MB each into a stdout not read for a while: the supervisor stays under ${DEFAULT_SUPERVISOR_MEMORY_MB} MB, and every byte arrives`,
  { timeout: 600_000 },
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'backpressure');
    const supervisor = await createSupervisor(SHIPPED_NODE, path.join(dir, 'supervisor'));
    const sidecars = SIDECARS.map((name) => ({
      name,
      // binary without a newline: every line is a piece cut at 64 KiB
      command: `echo $$ >> "$PIDS_FILE"; head -c ${BYTES_EACH} /dev/zero; exec sleep 1000`,
      memoryMb: 64,
      sidecarFor: ['web'],
    }));
    const config = writeConfig(dir, runtimeConfig(sidecars, { web: healthCheck({ type: 'process' }) }));
    const child = spawn(supervisor.shim, ['exec', '--for', 'web', '--config', config], {
      env: { PATH: toShippedPath(), PIDS_FILE: pidsFile },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    });
    const pid = child.pid ?? 0;
    const exited = new Promise((resolve) => child.once('close', resolve));

    // nothing reads the supervisor's stdout: its pipe fills, then the children's
    child.stdout.pause();
    await waitFor('every sidecar to write', () => readPids(pidsFile).length === SIDECARS.length);
    await sleep(STALL_MS);
    const stalledMb = readPeakMb(pid);

    const counter = createCounter(SIDECARS);
    child.stdout.on('data', (chunk: Buffer) => counter.take(chunk));
    child.stdout.resume();
    await waitFor(
      'every byte',
      () => [...counter.counts.values()].every((count) => count >= BYTES_EACH),
      540_000,
    );
    const peakMb = readPeakMb(pid);
    child.kill('SIGTERM');
    await exited;

    t.diagnostic(`peak RSS: ${stalledMb.toFixed(1)} MB while stalled, ${peakMb.toFixed(1)} MB in all`);
    assert.deepEqual(
      [...counter.counts.values()],
      SIDECARS.map(() => BYTES_EACH),
      'every byte of every sidecar, none more',
    );
    assert.ok(
      stalledMb < DEFAULT_SUPERVISOR_MEMORY_MB && peakMb < DEFAULT_SUPERVISOR_MEMORY_MB,
      `peak RSS ${stalledMb.toFixed(1)} MB while stalled, ${peakMb.toFixed(1)} MB in all: not under ${DEFAULT_SUPERVISOR_MEMORY_MB} MB`,
    );
    await waitFor('every started pid to be gone', () => alivePids([pid, ...readPids(pidsFile)]).length === 0);
    assert.deepEqual(alivePids([pid, ...readPids(pidsFile)]), []);
  },
);
