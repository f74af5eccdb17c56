// What a command was started with, as its launcher reports it (`run`: after the droplet's
// profile.d scripts, which may export secrets the supervisor never gave): `NAME=VALUE\0` records
// on fd ENV_REPORT_FD, then an empty one, then the launcher closes the fd and execs the command.
// The report goes through a pipe to the supervisor alone, never to a file; it keeps only the secrets.
import type { Readable } from 'node:stream';

import { readSidePipe } from './side-pipe.js';

/** The fd the launcher reports on (only in `run`, which opens it). */
export const ENV_REPORT_FD = 3;
/** A report is an environment: anything longer is not one (the rest is not waited for). */
const MAX_REPORT_BYTES = 4 * 1024 * 1024;
/** Output held for the log until the report is in: beyond this, the log no longer waits. */
const MAX_HELD_BYTES = 4 * 1024 * 1024;

/** The records of a report, up to the empty one that ends it (or all of them, if it was cut). */
export function parseEnvReport(bytes: Buffer): Record<string, string> {
  const env: Record<string, string> = {};
  for (const record of bytes.toString('utf8').split('\0')) {
    if (record === '') break;
    const eq = record.indexOf('=');
    if (eq > 0) env[record.slice(0, eq)] = record.slice(eq + 1);
  }
  return env;
}

/**
 * Reads the report from `stream` and hands it to `onEnv` once: at its end marker, at the end of
 * the stream, or when the command has exited (a process the profile.d scripts left running may
 * hold the fd open). Resolves once it was handed over; the stream is closed then.
 */
export function readEnvReport(
  stream: Readable,
  exited: Promise<unknown>,
  onEnv: (env: Record<string, string>) => void,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  let lastByte = -1;
  return new Promise((resolve) =>
    readSidePipe(
      stream,
      exited,
      (chunk) => {
        // the end marker: an empty record, first or after another's \0
        const ended = chunk.includes('\0\0') || (chunk[0] === 0 && (size === 0 || lastByte === 0));
        chunks.push(chunk);
        size += chunk.length;
        lastByte = chunk[chunk.length - 1] ?? lastByte;
        return ended || size > MAX_REPORT_BYTES;
      },
      () => {
        onEnv(parseEnvReport(Buffer.concat(chunks)));
        resolve();
      },
    ),
  );
}

/**
 * `write`, but what comes before `ready` is held (in order) until it is: the log waits for the
 * report, so that a secret the report names is masked from the first byte. Past MAX_HELD_BYTES it
 * waits no longer.
 */
export function writeWhenReady(
  ready: Promise<void>,
  write: (bytes: Buffer) => void,
): (bytes: Buffer) => void {
  let held: Buffer[] | null = [];
  let heldBytes = 0;
  const release = (): void => {
    const waiting = held ?? [];
    held = null;
    for (const bytes of waiting) write(bytes);
  };
  void ready.then(release);
  return (bytes) => {
    if (held === null) return write(bytes);
    held.push(Buffer.from(bytes)); // a copy: the caller's chunk is freed once it has been written out
    heldBytes += bytes.length;
    if (heldBytes > MAX_HELD_BYTES) release();
  };
}
