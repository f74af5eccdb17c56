import type { TestContext } from 'node:test';

import { type RunningCli, startSidecars } from './run-sidecars.js';

/** startSidecars, stopped with SIGTERM when the test ends (so a failed assertion never hangs the suite). */
export function startCleaned(
  t: TestContext,
  args: string[],
  opts: { env: Record<string, string>; cwd?: string },
): RunningCli {
  const cli = startSidecars(args, opts);
  t.after(() => {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  });
  return cli;
}
