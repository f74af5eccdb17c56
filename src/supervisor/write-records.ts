// Writes a run's records into the --artifacts dir: started.json before the first spawn;
// <name>.log while it runs (into a temp file, renamed once complete); finished.json and
// <name>.exit when the run ends, each through writeFileAtomic (temp, fsync, rename).
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import { ensureDir, writeFileAtomic } from '../common/fs.js';
import type { ProcessSpec } from './managed-process.js';
import {
  FINISHED_FILE,
  type RunSource,
  STARTED_FILE,
  toExitMarker,
  toFinishedRecord,
  toRecordFileBase,
  toStartedRecord,
} from './records.js';
import type { RunOutcome } from './supervisor.js';

export interface RunRecorder {
  /** the specs with their output also copied, unprefixed, into <name>.log */
  readonly specs: ProcessSpec[];
  /** writes finished.json, every <name>.exit, and completes every <name>.log */
  finish(outcome: RunOutcome, nowMs: number): Promise<void>;
}

interface LogFile {
  fd: number;
  tmp: string;
  final: string;
}

/** Appends bytes to the log as they come: unaltered, stdout and stderr in the order they were read. */
function toRecorder(log: LogFile): (bytes: Buffer) => void {
  return (bytes) => {
    if (log.fd < 0) return;
    try {
      writeSync(log.fd, bytes);
    } catch {
      // a full disk must not stop supervision: the log stays incomplete, the run goes on
    }
  };
}

/** Starts the records of a run. */
export async function startRecords(
  dir: string,
  source: RunSource,
  specs: readonly ProcessSpec[],
  opts: { nowMs: number },
): Promise<RunRecorder> {
  const logs = new Map<string, LogFile>();
  try {
    await ensureDir(dir);
    await writeFileAtomic(
      path.join(dir, STARTED_FILE),
      `${JSON.stringify(toStartedRecord(opts.nowMs, source, specs), null, 2)}\n`,
    );
    for (const spec of specs) {
      const base = toRecordFileBase(spec.name);
      const tmp = path.join(dir, `.${base}.log.tmp`);
      logs.set(spec.name, { fd: openSync(tmp, 'w', 0o644), tmp, final: path.join(dir, `${base}.log`) });
    }
  } catch (error) {
    for (const log of logs.values()) closeSync(log.fd);
    throw new SidecarError(
      'usage',
      `cannot write run records to ${dir}: ${(error as Error).message}`,
      'Pass an --artifacts DIR the supervisor can create and write.',
      { cause: error },
    );
  }
  const recorded = specs.map((spec): ProcessSpec => {
    const log = logs.get(spec.name);
    if (log === undefined) throw new SidecarError('invariant', `no log file for ${spec.name}`);
    return { ...spec, output: { ...spec.output, record: toRecorder(log) } };
  });
  return {
    specs: recorded,
    async finish(outcome, nowMs) {
      for (const log of logs.values()) {
        if (log.fd < 0) continue;
        fsyncSync(log.fd);
        closeSync(log.fd);
        log.fd = -1;
        const { rename, rm } = await import('node:fs/promises');
        await rename(log.tmp, log.final).catch(() => rm(log.tmp, { force: true }));
      }
      for (const result of outcome.results) {
        const base = toRecordFileBase(result.name);
        await writeFileAtomic(path.join(dir, `${base}.exit`), toExitMarker(result));
      }
      await writeFileAtomic(
        path.join(dir, FINISHED_FILE),
        `${JSON.stringify(toFinishedRecord(nowMs, outcome), null, 2)}\n`,
      );
    },
  };
}
