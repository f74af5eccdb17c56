// A supervisor that ends mid-check the two ways that skip its own stop: `node supervise-then-exit.js
// throw|exit CHECK_COMMAND CHECK_DIR`. It supervises one sidecar whose exec check is CHECK_COMMAND;
// once the check has run (CHECK_DIR/runs) it either throws from a timer (an internal error, which
// cli/sidecars.ts ends with process.exit(1) from 'uncaughtException') or calls process.exit(0)
// (as the 2 s forced exit does). Either way only the 'exit' handlers are left to stop anything.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { toHealthTarget } from '../../src/supervisor/health/probe.js';
import { createSharedSink } from '../../src/supervisor/core/line-output.js';
import { createLogger } from '../../src/supervisor/core/log.js';
import { supervise } from '../../src/supervisor/wiring/supervise.js';
import { healthCheck } from './runtime-config-fixture.js';

const [how, command, checkDir] = process.argv.slice(2);
if ((how !== 'throw' && how !== 'exit') || command === undefined || checkDir === undefined) {
  console.error('usage: supervise-then-exit.js throw|exit CHECK_COMMAND CHECK_DIR');
  process.exit(2);
}
process.on('uncaughtException', () => process.exit(1));

const sink = createSharedSink(process.stdout);
const env: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
void supervise({
  specs: [
    {
      name: 'agent',
      command: 'exec sleep 1000',
      cwd: path.resolve('.'),
      env,
      output: { stdout: { sink, prefix: '' }, stderr: { sink, prefix: '' } },
      memoryLimitBytes: null,
      gate: null,
      health: toHealthTarget(
        healthCheck({ type: 'exec', command, timeoutMs: 120_000, invocationTimeoutMs: 120_000 }),
        8080,
      ),
    },
  ],
  graceMs: 1_000,
  memoryIntervalMs: 250,
  processPath: 'proc',
  logger: createLogger({ stream: process.stdout, name: 'supervise-then-exit' }),
});

while (!existsSync(path.join(checkDir, 'runs'))) await sleep(10);
await sleep(500); // the check has started everything it leaves
if (how === 'exit') process.exit(0);
setTimeout(() => {
  throw new Error('an internal error');
}, 0);
