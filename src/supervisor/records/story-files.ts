// Writes events.jsonl and memory.json into a records dir as the run goes on. events.jsonl: each
// event appended as it happens, censored like the log lines, until the bound drops one; from then
// on it is rewritten whole (temp file + rename) at each flush. memory.json: rewritten whole at each
// flush. A flush comes every STORY_FLUSH_MS, before each interval upload, and at the end (then
// with an fsync). A full disk never stops supervision: only the end reports a failure.
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

import { settleAll, syncFile, writeFileAtomic } from '../../common/fs.js';
import { renameAsync as rename, rmAsync as rm, writeFileAsync as writeFile } from '../../common/fs-async.js';
import type { SupervisorEvent } from '../model/events.js';
import type { ProcessSpec } from '../model/process-spec.js';
import type { Censor } from '../secrets/censor.js';
import { addEventLine, createEventLog, EVENTS_FILE, toEventLine, toEventsText } from './event-log.js';
import {
  addMemorySample,
  createMemorySeries,
  MEMORY_FILE,
  type MemorySeries,
  toMemoryRecord,
} from './memory-series.js';

/** How often memory.json (and a bounded events.jsonl) is rewritten while the run goes on. */
export const STORY_FLUSH_MS = 5_000;

export interface StoryFiles {
  /** the files it writes, for the interval upload */
  readonly files: readonly string[];
  event(event: SupervisorEvent): void;
  /** one memory poll's figures for a process's tree */
  readonly sample: (name: string, atMs: number, rssBytes: number, pssBytes: number | null) => void;
  /** rewrites what changed (no fsync): before an interval upload; never rejects */
  flush(): Promise<void>;
  /** writes both files durably (the end of the run); rejects if they cannot be written */
  finish(nowMs: number): Promise<void>;
  /** after the last upload: writes what came since finish, stops the timer */
  close(): Promise<void>;
}

export function startStoryFiles(
  dir: string,
  specs: readonly ProcessSpec[],
  opts: { pollMs: number; censor: Censor; flushMs?: number },
): StoryFiles {
  const eventsFile = path.join(dir, EVENTS_FILE);
  const memoryFile = path.join(dir, MEMORY_FILE);
  const log = createEventLog();
  const series = new Map<string, MemorySeries>(
    specs.map((spec) => [spec.name, createMemorySeries(opts.pollMs, spec.memoryLimitBytes)]),
  );
  /** appended to while nothing was dropped; -1 once the file is rewritten instead */
  let fd = openSync(eventsFile, 'w', 0o644);
  /** settles when no fsync of `fd` is under way: it is closed only then (its number could be reused) */
  let fdInUse: Promise<void> = Promise.resolve();
  const closeEvents = (): void => {
    const closing = fd;
    fd = -1;
    void fdInUse.then(() => {
      try {
        closeSync(closing);
      } catch {
        // closed already: nothing to give back
      }
    });
  };
  let eventsDirty = false;
  let memoryDirty = true;
  let writes: Promise<void> = Promise.resolve();

  const memoryText = (nowMs: number): string =>
    `${JSON.stringify(toMemoryRecord(opts.pollMs, nowMs, series))}\n`;

  /** temp file + rename, without an fsync: a reader sees the old file or the new one */
  const replace = async (file: string, text: string): Promise<void> => {
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
    try {
      await writeFile(tmp, text);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  };

  const write = (durable: boolean, nowMs = Date.now()): Promise<void> => {
    const next = writes.then(async () => {
      const put = durable ? writeFileAtomic : replace;
      // both files at once: each waits on the disk
      let events: Promise<void> | undefined;
      if (eventsDirty) {
        eventsDirty = false;
        events = put(eventsFile, toEventsText(log));
      } else if (durable && fd >= 0) {
        const syncing = syncFile(fd);
        fdInUse = syncing.catch(() => undefined);
        events = syncing;
      }
      let memory: Promise<void> | undefined;
      if (memoryDirty || durable) {
        memoryDirty = false;
        memory = put(memoryFile, memoryText(nowMs));
      }
      await settleAll([events ?? Promise.resolve(), memory ?? Promise.resolve()]);
    });
    writes = next.catch(() => undefined);
    return next;
  };

  const timer = setInterval(() => void write(false).catch(() => undefined), opts.flushMs ?? STORY_FLUSH_MS);
  timer.unref();

  return {
    files: [eventsFile, memoryFile],
    event(event) {
      const line = toEventLine(event);
      if (line === null) return;
      const text = JSON.stringify(opts.censor.value(line));
      const rewrite = addEventLine(log, text, event.at);
      if (!rewrite && fd >= 0) {
        try {
          writeSync(fd, `${text}\n`);
          return;
        } catch {
          // a full disk: the next flush rewrites it whole
        }
      }
      if (fd >= 0) closeEvents();
      eventsDirty = true;
    },
    sample(name, atMs, rssBytes, pssBytes) {
      let one = series.get(name);
      if (one === undefined) {
        one = createMemorySeries(opts.pollMs, null);
        series.set(name, one);
      }
      if (addMemorySample(one, atMs, rssBytes, pssBytes)) memoryDirty = true;
    },
    flush: () => write(false).catch(() => undefined),
    finish: (nowMs) => write(true, nowMs),
    async close() {
      clearInterval(timer);
      await write(false).catch(() => undefined);
      if (fd >= 0) closeEvents();
      await fdInUse;
    },
  };
}
