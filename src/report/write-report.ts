// Writes a records dir's page, report.html, atomically (a reader sees the old page or the whole new
// one) and as a stream: the header, timeline and memory (bounded by PAGE_BOUND_BYTES) are rendered
// as strings, each log is read, masked and escaped chunk by chunk into a temp file, which is then
// renamed. Its memory is bounded by a constant, not by the logs' size; the page by
// PAGE_BOUND_BYTES + LOGS_BUDGET_BYTES (and a few hundred bytes of markup per process). Called at
// the end of a run (after finished.json), before each interval upload, and by `sidecars report DIR`.
import path from 'node:path';

import { writeFileAtomic } from '../common/fs.js';
import { type Censor, NO_CENSOR } from '../supervisor/secrets/censor.js';
import { LOGS_BUDGET_BYTES } from './log-budget.js';
import { DEFAULT_LOG_TAIL_BYTES, readReportModel } from './read-report-model.js';
import { renderReportParts } from './render-report.js';
import { writeLogsSection } from './write-logs.js';

export const REPORT_FILE = 'report.html';

export interface WriteReportOptions {
  /** the most of each log the page embeds (records.log_tail); default 1 MiB */
  logTailBytes?: number | null;
  /** the most of all the logs together; default LOGS_BUDGET_BYTES */
  logsBudgetBytes?: number;
  censor?: Censor;
  nowMs?: number;
}

/** (Re)writes DIR/report.html from the records in DIR; resolves to its path. */
export async function writeReport(dir: string, opts: WriteReportOptions = {}): Promise<string> {
  const censor = opts.censor ?? NO_CENSOR;
  const logTailBytes = opts.logTailBytes ?? DEFAULT_LOG_TAIL_BYTES;
  const model = readReportModel(dir, {
    nowMs: opts.nowMs ?? Date.now(),
    logTailBytes,
    censor,
    readLogs: false,
  });
  const { head, foot } = renderReportParts(model);
  const file = path.join(dir, REPORT_FILE);
  // the page goes to the page cache as it is made (synchronous writes of a few KiB: microseconds,
  // not a round trip through libuv's pool each); only the fsync leaves the event loop
  await writeFileAtomic(file, async (writePiece) => {
    const write = (html: string): Promise<void> => {
      writePiece(html);
      return Promise.resolve();
    };
    await write(head);
    await writeLogsSection(
      dir,
      model,
      { censor, logTailBytes, budgetBytes: opts.logsBudgetBytes ?? LOGS_BUDGET_BYTES },
      write,
    );
    await write(foot);
  });
  return file;
}
