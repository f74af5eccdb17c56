import type { Censor } from '../secrets/censor.js';
import type { CheckTree } from '../model/check-tree.js';
import type { ProbeResult } from './probe-result.js';
import { toQuotedLine } from './quote-output.js';
import { createCheckOutput } from './check-output.js';
import { spawnBashCommand } from '../core/bash-launch.js';

/** How much of a failing check's output its detail quotes (its last line, at most this long). */
const DETAIL_CHARS = 200;
/** How much of its output is kept while it runs. */
const KEPT_BYTES = 4_096;

/** Where and how an `exec` check runs. */
export interface ExecProbeContext {
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** masks the secrets of that environment in what the detail quotes of the check's output */
  censor: Censor;
  /** gives each run a token of its own (the supervisor's sweep); absent: a run is its process group */
  openCheck?: (env: Readonly<Record<string, string>>) => CheckTree;
  /** aborting (the supervisor stops) stops a run at once, and starts no other */
  signal?: AbortSignal;
}

/** The stops of the checks that run now: one 'exit' listener for all of them, however many there are. */
const running = new Set<() => void>();
const stopRunning = (): void => {
  for (const stop of running) stop();
};

/**
 * A health check's `exec` probe: `bash -c COMMAND` in `ctx.env` (a plain command exec'd as bash
 * would: core/bash-launch.ts), in its own process group; exit 0 passes. When it ends, whatever it
 * started is SIGKILLed: its process group at once, and (with `openCheck`) every process that
 * carries its token, however it detached (`setsid -f`, a double fork): at once too when anything
 * stayed in the group, else at the next sweep (once a second).
 * At `invocationTimeoutMs` it is ended the same way, and fails; so does an abort, and the
 * supervisor's exit. node:child_process is the spawner's own module: nothing more is loaded.
 */
export function probeExec(
  command: string,
  invocationTimeoutMs: number,
  ctx: ExecProbeContext,
): Promise<ProbeResult> {
  if (ctx.signal?.aborted === true) return Promise.resolve({ ok: false, detail: 'stopped' });
  return new Promise((resolve) => {
    const tree = ctx.openCheck?.(ctx.env) ?? null;
    const child = spawnBashCommand(command, {
      cwd: ctx.cwd,
      env: tree?.env ?? ctx.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = createCheckOutput(KEPT_BYTES);
    const keep = (chunk: Buffer): void => {
      output.keep(chunk);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const stopTree = (): void => {
      let leftInGroup = false;
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
          leftInGroup = true;
        } catch {
          // ESRCH: nothing left in its group
        }
      }
      // what left the group: looked for now if anything stayed in it (or it still ran), else the
      // next sweep kills it — a check that left nothing behind costs no look (idle CPU)
      tree?.end(leftInGroup ? (child.pid ?? null) : null);
    };
    if (running.size === 0) process.on('exit', stopRunning); // the supervisor never leaves a check behind
    running.add(stopTree);
    const onAbort = (): void => done({ ok: false, detail: 'stopped' });
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const done = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', onAbort);
      stopTree();
      running.delete(stopTree);
      if (running.size === 0) process.off('exit', stopRunning);
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
        const last = toQuotedLine(output.text(), {
          cutAtStart: output.cut,
          maxChars: DETAIL_CHARS,
          censor: ctx.censor,
        });
        done({ ok: false, detail: last === '' ? status : `${status}: ${last}` });
      });
    });
  });
}
