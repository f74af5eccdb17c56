// Writes a records dir's page, report.html, atomically (a reader sees the old page or the whole new
// one). Called at the end of a run (after finished.json), before each interval upload, and by
// `sidecars report DIR`.
import path from 'node:path';

import { writeFileAtomic } from '../common/fs.js';
import { type Censor, NO_CENSOR } from '../supervisor/secrets/censor.js';
import { DEFAULT_LOG_TAIL_BYTES, readReportModel } from './read-report-model.js';
import { renderReport } from './render-report.js';

export const REPORT_FILE = 'report.html';

export interface WriteReportOptions {
  /** the most of each log the page embeds (records.log_tail); default 1 MiB */
  logTailBytes?: number | null;
  censor?: Censor;
  nowMs?: number;
}

/** (Re)writes DIR/report.html from the records in DIR; resolves to its path. */
export async function writeReport(dir: string, opts: WriteReportOptions = {}): Promise<string> {
  const model = readReportModel(dir, {
    nowMs: opts.nowMs ?? Date.now(),
    logTailBytes: opts.logTailBytes ?? DEFAULT_LOG_TAIL_BYTES,
    censor: opts.censor ?? NO_CENSOR,
  });
  const file = path.join(dir, REPORT_FILE);
  await writeFileAtomic(file, renderReport(model));
  return file;
}
