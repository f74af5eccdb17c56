// Writes a run's records into the --artifacts dir: started.json before the first spawn;
// <name>.log while it runs (into a temp file, renamed once complete); events.jsonl and
// memory.json as it goes (story-files.ts); finished.json and <name>.exit when the run ends, each through writeFileAtomic (temp, fsync, rename). Every
// secret is masked as it is written (censor.ts): the records on disk hold none, so that any
// later upload of them (`sidecars upload DIR`) needs no secret to clean them.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import { ensureDir, settleAll, syncFile, writeFileAtomic } from '../../common/fs.js';
import type { ProcessSpec } from '../model/process-spec.js';
import { type Censor, NO_CENSOR } from '../secrets/censor.js';
import { readLogTail } from './log-tail.js';
import {
  FINISHED_FILE,
  type RunSource,
  STARTED_FILE,
  toExitMarker,
  toFinishedRecord,
  toRecordFileBase,
  toStartedRecord,
} from './records.js';
import type { RunOutcome } from '../model/run-outcome.js';
import type { CensorStream } from '../secrets/censor-stream.js';
import { startStoryFiles, type StoryFiles } from './story-files.js';

export interface RunRecorder {
  /** the specs with their output also copied, unprefixed, into <name>.log */
  readonly specs: ProcessSpec[];
  /** each log as it is now: its record file name, the files that hold it, how many bytes it has had */
  logs(): RecordedLog[];
  /** events.jsonl and memory.json: fed with the run's events and memory polls as they come */
  readonly story: StoryFiles;
  /**
   * writes finished.json, every <name>.exit, events.jsonl and memory.json, and completes every
   * <name>.log; then report.html
   */
  finish(outcome: RunOutcome, nowMs: number): Promise<void>;
  /** (re)writes report.html from the records as they are now (src/report/); its file name */
  writeReport(): Promise<string>;
}

export interface RecordedLog {
  /** `<name>.log` */
  file: string;
  /** the older segment first; their concatenation's last `tailBytes` is the log */
  parts: string[];
  tailBytes: number | null;
  /** bytes written since the start: a log whose count has not moved has not changed */
  writtenBytes: number;
}

interface LogFile {
  fd: number;
  tmp: string;
  /** the segment before the current one (a bounded log) */
  prev: string;
  final: string;
  tailBytes: number | null;
  /** bytes in the current segment, and since the start */
  segmentBytes: number;
  writtenBytes: number;
}

/**
 * Appends bytes to the log as they come: stdout and stderr in the order they were read, unaltered
 * but for the secrets the censor masks.
 * A bounded log (`tailBytes`) is kept as two segments: once the current one holds tailBytes, it
 * becomes the previous one (replacing it) and a new one starts, so the disk holds at most twice
 * the tail, however long the process logs, and the last tailBytes are always there.
 */
function toRecorder(log: LogFile): (bytes: Buffer) => void {
  return (bytes) => {
    if (log.fd < 0) return;
    try {
      if (log.tailBytes !== null && log.segmentBytes > 0 && log.segmentBytes + bytes.length > log.tailBytes) {
        closeSync(log.fd);
        log.fd = -1;
        renameSync(log.tmp, log.prev);
        log.fd = openSync(log.tmp, 'w', 0o644);
        log.segmentBytes = 0;
      }
      writeSync(log.fd, bytes);
      log.segmentBytes += bytes.length;
      log.writtenBytes += bytes.length;
    } catch {
      // a full disk must not stop supervision: the log stays incomplete, the run goes on
    }
  };
}

const toParts = (log: LogFile): string[] => (log.tailBytes === null ? [log.tmp] : [log.prev, log.tmp]);

/** The page's writer (src/report/), loaded when a page is first written. */
const loadReportWriter = () => import('../../report/write-report.js');

/**
 * Ends a log: a whole one is synced and renamed to <name>.log; a bounded one's tail is written to
 * <name>.log (atomically, synced) and its segments removed. No byte is taken after this begins.
 */
async function completeLog(log: LogFile): Promise<void> {
  if (log.fd < 0) return;
  const fd = log.fd;
  log.fd = -1;
  if (log.tailBytes !== null) {
    closeSync(fd); // its segments are read, then removed: the tail written from them is synced
    await writeFileAtomic(log.final, readLogTail([log.prev, log.tmp], log.tailBytes));
    rmSync(log.prev, { force: true });
    rmSync(log.tmp, { force: true });
  } else {
    try {
      await syncFile(fd);
    } finally {
      closeSync(fd);
    }
    try {
      renameSync(log.tmp, log.final);
    } catch {
      rmSync(log.tmp, { force: true });
    }
  }
}

/** Starts the records of a run. */
export async function startRecords(
  dir: string,
  source: RunSource,
  specs: readonly ProcessSpec[],
  opts: { nowMs: number; logTailBytes?: number | null; censor?: Censor; memoryPollMs?: number },
): Promise<RunRecorder> {
  const tailBytes = opts.logTailBytes ?? null;
  const censor = opts.censor ?? NO_CENSOR;
  const toJson = (record: unknown): string => `${JSON.stringify(censor.value(record), null, 2)}\n`;
  const logs = new Map<string, LogFile>();
  /** what each process writes goes through its censor stream, then into its log */
  const censored = new Map<string, CensorStream>();
  let story: StoryFiles | null = null;
  try {
    await ensureDir(dir);
    await writeFileAtomic(path.join(dir, STARTED_FILE), toJson(toStartedRecord(opts.nowMs, source, specs)));
    story = startStoryFiles(dir, specs, { pollMs: opts.memoryPollMs ?? 1_000, censor });
    for (const spec of specs) {
      const base = toRecordFileBase(spec.name);
      const tmp = path.join(dir, `.${base}.log.tmp`);
      const log: LogFile = {
        fd: openSync(tmp, 'w', 0o644),
        tmp,
        prev: path.join(dir, `.${base}.log.prev`),
        final: path.join(dir, `${base}.log`),
        tailBytes,
        segmentBytes: 0,
        writtenBytes: 0,
      };
      logs.set(spec.name, log);
      censored.set(spec.name, censor.stream(toRecorder(log)));
    }
  } catch (error) {
    for (const log of logs.values()) closeSync(log.fd);
    await story?.close();
    throw new SidecarError(
      'usage',
      `cannot write run records to ${dir}: ${(error as Error).message}`,
      'Pass an --artifacts DIR the supervisor can create and write.',
      { cause: error },
    );
  }
  const recorded = specs.map((spec): ProcessSpec => {
    const stream = censored.get(spec.name);
    if (stream === undefined) throw new SidecarError('invariant', `no log file for ${spec.name}`);
    return { ...spec, output: { ...spec.output, record: (bytes: Buffer) => stream.write(bytes) } };
  });
  const writeReport = async (): Promise<string> => {
    const { REPORT_FILE, writeReport: write } = await loadReportWriter();
    await write(dir, { logTailBytes: tailBytes, censor });
    return REPORT_FILE;
  };
  const written = story;
  if (written === null) throw new SidecarError('invariant', `no events.jsonl in ${dir}`);
  return {
    specs: recorded,
    story: written,
    writeReport,
    logs: () =>
      [...logs.values()].map((log) => ({
        file: path.basename(log.final),
        parts: log.fd < 0 ? [log.final] : toParts(log),
        tailBytes: log.tailBytes,
        writtenBytes: log.writtenBytes,
      })),
    async finish(outcome, nowMs) {
      for (const stream of censored.values()) stream.end(); // what each held back: a secret's start
      // the page's code loads while the files are written
      const page = loadReportWriter();
      page.catch(() => undefined); // awaited below, unless a write failed first
      // the logs, the exit markers, events.jsonl and memory.json at once: each waits on the disk
      // (an fsync), and the disk takes them together; finished.json after them, the page last
      await settleAll([
        ...[...logs.values()].map(completeLog),
        ...outcome.results.map((result) =>
          writeFileAtomic(path.join(dir, `${toRecordFileBase(result.name)}.exit`), toExitMarker(result)),
        ),
        written.finish(nowMs),
      ]);
      await writeFileAtomic(path.join(dir, FINISHED_FILE), toJson(toFinishedRecord(nowMs, outcome)));
      await (await page).writeReport(dir, { logTailBytes: tailBytes, censor });
    },
  };
}
