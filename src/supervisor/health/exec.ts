import { spawn } from 'node:child_process';

import type { ProbeResult } from './probe-result.js';
import { createCheckOutput } from './check-output.js';

/** How much of a failing check's output its detail quotes (its last line, at most this long). */
const DETAIL_CHARS = 200;
/** How much of its output is kept while it runs. */
const KEPT_BYTES = 4_096;

/**
 * A sidecar's `exec` check: `bash -c COMMAND` in the sidecar's environment and its own process
 * group; exit 0 passes. At `invocationTimeoutMs` the whole group is SIGKILLed and the check fails;
 * whatever the command left running in its group is SIGKILLed once it exits, too. node:child_process
 * is the spawner's own module: nothing more is loaded.
 */
export function probeExec(
  command: string,
  invocationTimeoutMs: number,
  ctx: { cwd: string; env: Readonly<Record<string, string>> },
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], {
      cwd: ctx.cwd,
      env: ctx.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = createCheckOutput(KEPT_BYTES);
    const keep = (chunk: Buffer): void => {
      output.keep(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: nothing left in its group
      }
    };
    process.once('exit', killGroup); // the supervisor never leaves a check behind
    let settled = false;
    const done = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup();
      process.off('exit', killGroup);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ ok: false, detail: `no exit within ${invocationTimeoutMs} ms` }),
      invocationTimeoutMs,
    );
    child.once('error', (error) => done({ ok: false, detail: error.message }));
    child.once('exit', (exitCode, signal) => {
      if (exitCode === 0) return done({ ok: true });
      const status = signal !== null ? `killed by ${signal}` : `exit code ${exitCode ?? '?'}`;
      // the output already written is read on the next turn of the loop
      setImmediate(() => {
        const last = output.lastLine(DETAIL_CHARS);
        done({ ok: false, detail: last === '' ? status : `${status}: ${last}` });
      });
    });
  });
}
