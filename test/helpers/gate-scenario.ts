// The port-gate scenario both process paths run (exec.test, portable-path.test): a sidecar of
// web must start only once web's port, opened 600 ms late, answers on 127.0.0.1.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';

import { makeScratch, proc, startWebApp, writeConfig } from './exec-fixture.js';
import { freePort } from './free-port.js';
import { readPids } from './pids.js';
import { readEvents, type RunningCli, startSidecars } from './run-sidecars.js';
import { runtimeConfig } from './runtime-config-fixture.js';
import { waitFor } from './wait-for.js';

function readFileOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Runs `sidecars exec --for web` with one sidecar and a late web app, asserts the sidecar started
 * after the port opened, then stops the supervisor with SIGTERM (exit 143). Resolves to the CLI,
 * the scratch dir and every pid the scenario started, for the caller's own checks.
 */
export async function runPortGateScenario(
  t: TestContext,
  scratchName: string,
  extraEnv: (dir: string) => Record<string, string> = () => ({}),
): Promise<{ cli: RunningCli; dir: string; pids: number[] }> {
  const { dir, pidsFile } = await makeScratch(t, scratchName);
  const port = await freePort();
  const startedFile = path.join(dir, 'started');
  const openedFile = path.join(dir, 'opened');
  const config = writeConfig(
    dir,
    runtimeConfig([
      {
        name: 'agent',
        command: `${proc('record-start.sh')} ${startedFile}`,
        memoryMb: 64,
        sidecarFor: ['web'],
      },
    ]),
  );
  const env = { ...extraEnv(dir), PORT: String(port), PIDS_FILE: pidsFile };
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], { env });
  const web = startWebApp({ ...env, DELAY_MS: '600', OPENED_FILE: openedFile });
  try {
    const startedAt = Number(await waitFor('the sidecar to start', () => readFileOr(startedFile)));
    const openedAt = Number(readFileSync(openedFile, 'utf8'));
    assert.ok(
      startedAt >= openedAt,
      `sidecar started at ${startedAt}, before the port opened at ${openedAt}`,
    );
    await waitFor('the sidecar output', () => cli.lines.includes('recorded start, MEMORY_LIMIT=64m'));
    cli.child.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 143, signal: null });
    assert.ok(readEvents(cli.lines).some((e) => e['event'] === 'gate.passed' && e['proc'] === 'agent'));
  } finally {
    web.stop();
  }
  return { cli, dir, pids: [cli.pid, web.pid, ...readPids(pidsFile)] };
}
