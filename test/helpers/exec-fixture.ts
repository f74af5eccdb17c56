import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';

import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { PROCS_DIR } from './run-sidecars.js';
import { makeTempDir } from './tmp-dir.js';

/** A fresh temp dir (removed after the test) with a PIDS_FILE every fixture appends its pid to. */
export async function makeScratch(
  t: TestContext,
  prefix: string,
): Promise<{ dir: string; pidsFile: string }> {
  const dir = await makeTempDir(t, `${prefix}-`);
  return { dir, pidsFile: path.join(dir, 'pids') };
}

export function writeConfig(dir: string, config: RuntimeConfig): string {
  const file = path.join(dir, 'runtime-config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** `fixtures/procs/NAME` as a shell word. */
export function proc(name: string): string {
  return JSON.stringify(path.join(PROCS_DIR, name));
}

/** Starts the fixture web app (not under the supervisor: in `exec` the app is the platform's). */
export function startWebApp(env: Record<string, string>): { pid: number; stop(): void } {
  const child = spawn(process.execPath, [path.join(PROCS_DIR, 'http-server.cjs')], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: 'ignore',
  });
  if (child.pid === undefined) throw new Error('web app did not start');
  return { pid: child.pid, stop: () => child.kill('SIGKILL') };
}
