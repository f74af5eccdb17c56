// Every uploader child of a run, in one place: whatever is queued or running, the last upload can
// wait for all of them to be gone, and stop them all, by a time it chooses.
import { runUploadJob, type UploadJob, type UploadOutcome } from './upload-job.js';

export interface UploadChildren {
  /** runs a job in its own child; `signal` stops it (and, already aborted, keeps it from starting) */
  run(job: UploadJob, signal?: AbortSignal): Promise<UploadOutcome>;
  /** resolves true once no child runs, or false at `untilMs` if one still does */
  settled(untilMs: number): Promise<boolean>;
  /** SIGKILLs every child now; none starts after it */
  killAll(): void;
  /** children running now */
  readonly count: number;
}

export function createUploadChildren(opts: {
  command: readonly string[];
  env: Readonly<Record<string, string>>;
}): UploadChildren {
  const running = new Set<Promise<UploadOutcome>>();
  const all = new AbortController();
  let onIdle: Array<() => void> = [];

  return {
    run(job, signal) {
      // one controller per job, unhooked when it ends (AbortSignal.any would keep a reference in
      // `all` for every job of a run that may upload every interval for days)
      const stop = new AbortController();
      const sources = signal === undefined ? [all.signal] : [all.signal, signal];
      const onAbort = (): void => stop.abort();
      for (const source of sources) {
        if (source.aborted) stop.abort();
        else source.addEventListener('abort', onAbort, { once: true });
      }
      const done = runUploadJob(job, { command: opts.command, env: opts.env, signal: stop.signal });
      running.add(done);
      void done.then(() => {
        for (const source of sources) source.removeEventListener('abort', onAbort);
        running.delete(done);
        if (running.size > 0) return;
        const waiting = onIdle;
        onIdle = [];
        for (const wake of waiting) wake();
      });
      return done;
    },
    settled(untilMs) {
      if (running.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(
          () => {
            onIdle = onIdle.filter((w) => w !== wake);
            resolve(running.size === 0);
          },
          Math.max(0, untilMs - Date.now()),
        );
        onIdle.push(wake);
      });
    },
    killAll: () => all.abort(),
    get count() {
      return running.size;
    },
  };
}
