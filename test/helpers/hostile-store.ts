// fixtures/procs/hostile-store.cjs as a child process: a store that misbehaves (see the fixture for
// the behaviours), on 127.0.0.1, stopped by its pid when the test ends.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { TestContext } from 'node:test';

import { isAlive } from './pids.js';
import { PROCS_DIR } from './run-sidecars.js';
import { waitFor } from './wait-for.js';

export interface HostileStore {
  endpoint: string;
  pid: number;
  /** SIGKILLs it and waits until it is gone */
  stop(): Promise<void>;
}

/** Starts one; with `upstream`, only the requests whose path matches `match` misbehave. */
export async function startHostileStore(
  t: Pick<TestContext, 'after'>,
  behaviour: string,
  pass?: { upstream: string; match: string },
): Promise<HostileStore> {
  const args = [path.join(PROCS_DIR, 'hostile-store.cjs'), behaviour];
  if (pass !== undefined) args.push(pass.upstream, pass.match);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.pid === undefined) throw new Error('hostile-store did not start');
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (isAlive(pid)) child.kill('SIGKILL');
    await waitFor('the hostile store to be gone', () => !isAlive(pid), 5_000);
  };
  t.after(stop);
  child.stdout.setEncoding('utf8');
  let text = '';
  child.stdout.on('data', (chunk: string) => (text += chunk));
  const port = await Promise.race([
    waitFor('the hostile store to listen', () => /^\d+\n/.exec(text)?.[0].trim(), 10_000),
    once(child, 'exit').then(() => {
      throw new Error(`hostile-store ${behaviour} exited before listening`);
    }),
  ]);
  return { endpoint: `http://127.0.0.1:${port}`, pid, stop };
}
