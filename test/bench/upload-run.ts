// What every run of the `upload` bench shares: upload on or off, in which order, the event lines it
// waits for, and `exec` started with the same environment either way (only the flags differ).
import { type Started, startSidecars } from './harness.js';
import type { BenchStore } from './upload-store.js';

export type Mode = 'on' | 'off';
const LINE_TIMEOUT_MS = 30_000;

export const order = (i: number): Mode[] => (i % 2 === 0 ? ['off', 'on'] : ['on', 'off']);
export const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
export const wallMs = (at: number): number => performance.timeOrigin + at;
export const event = (name: string) => (line: string) => line.includes(`"event":"${name}"`);
export const isInterval = (line: string): boolean =>
  event('records.uploaded')(line) && line.includes('"what":"interval"');
export const isStartUp = (line: string): boolean =>
  event('records.uploaded')(line) && line.includes('"what":"start"');
export const idle = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `idle-${i}`, command: 'exec sleep 1000', memoryMb: 16 }));

export async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench upload: no ${what} in ${LINE_TIMEOUT_MS} ms`)),
      LINE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let runs = 0;

/** `exec --for web` on config, in dir (its TMPDIR); with upload on, under a prefix of its own. */
export function startExec(
  store: BenchStore,
  mode: Mode,
  dir: string,
  config: string,
  extra: { env?: Record<string, string>; args?: string[] } = {},
): { r: Started; prefix: string } {
  const prefix = `run-${++runs}`;
  const upload = mode === 'on' ? [...store.uploadArgs(prefix), ...(extra.args ?? [])] : [];
  const r = startSidecars(['exec', '--for', 'web', '--config', config, ...upload], {
    ...store.env,
    TMPDIR: dir,
    ...extra.env,
  });
  return { r, prefix };
}
