// `sidecars logs [DROPLET_DIR] [NAME...] [--follow]`: the lines of a detached run, from its records.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { SidecarError } from '../common/errors.js';
import {
  type DetachedRun,
  isDetachedRunAlive,
  requireDetachedRun,
} from '../supervisor/droplet/detached-run.js';
import { STARTED_FILE } from '../supervisor/records/records.js';
import { parseCommandArgs } from './command-args.js';
import { createLineFilter, splitLines } from './log-lines.js';

export const SUMMARY = 'print the lines of the run that `sidecars run --detach` started';

const FOLLOW_POLL_MS = 200;
const CHUNK_BYTES = 64 * 1024;

export const HELP = `Usage: sidecars logs [DROPLET_DIR] [NAME...] [--follow]

Prints the lines of the run that \`sidecars run DROPLET_DIR --detach\` started (default
DROPLET_DIR: .; a first argument that is not a directory is a NAME), as run prints them in the
foreground: [APP/PROC/WEB/0] OUT … and [APP/PROC/WEB/SIDECAR/NAME/0] OUT …, read from run.out in
its records dir (which also holds the supervisor's own events). NAME (repeatable): only the
lines of those processes: the process type (web) or a sidecar entry (the lines of a nested sidecars
exec's sidecars come under its entry: sidecars-web).

Options:
  -f, --follow         keep printing new lines until the run ends
  -h, --help           show this help

Exit codes: 0; 1 when there is no detached run of the droplet, or for a NAME the run does not
have (the names it has are listed).`;

function isDirectory(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The run's own process names (started.json); null before it wrote them. */
function readRunNames(run: DetachedRun): string[] | null {
  try {
    const started = JSON.parse(readFileSync(path.join(run.recordsDir, STARTED_FILE), 'utf8')) as {
      metadata?: { processes?: Array<{ name?: unknown }> };
    };
    const names = started.metadata?.processes?.map((p) => p.name).filter((n) => typeof n === 'string');
    return names ?? null;
  } catch {
    return null;
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(
    'logs',
    argv,
    { follow: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  try {
    const first = positionals[0];
    const hasDroplet = first !== undefined && isDirectory(first);
    const dropletDir = path.resolve(hasDroplet ? first : '.');
    const names = hasDroplet ? positionals.slice(1) : positionals;
    const run = requireDetachedRun(dropletDir);
    const known = readRunNames(run);
    const unknown = known === null ? [] : names.filter((name) => !known.includes(name.toLowerCase()));
    if (unknown.length > 0) {
      throw new SidecarError(
        'usage',
        `the run has no process ${unknown.join(', ')}; its processes: ${known?.join(', ')}`,
      );
    }
    await printLines(run, createLineFilter(names), values.follow === true);
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars logs: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}

async function printLines(run: DetachedRun, keep: (line: string) => boolean, follow: boolean): Promise<void> {
  let fd: number;
  try {
    fd = openSync(run.output, 'r');
  } catch (error) {
    throw new SidecarError('usage', `cannot read ${run.output}: ${(error as Error).message}`);
  }
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  const drain = (): void => {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      const split = splitLines(pending, decoder.decode(buffer.subarray(0, n), { stream: true }));
      pending = split.rest;
      const out = split.lines.filter(keep);
      if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
    }
  };
  try {
    drain();
    while (follow && isDetachedRunAlive(run)) {
      await sleep(FOLLOW_POLL_MS);
      drain();
    }
    drain(); // what it wrote as it ended
    if (pending !== '' && !isDetachedRunAlive(run) && keep(pending)) process.stdout.write(`${pending}\n`);
  } finally {
    closeSync(fd);
  }
}
