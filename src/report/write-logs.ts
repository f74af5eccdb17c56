// The page's logs section, written as it is read: each log's allotment (log-budget.ts), its last
// lines, then its tail streamed chunk by chunk. The page's memory while writing it is a few chunks
// and one log's last lines, whatever the logs' size. What was left out of a log is said, with a
// link to the whole log beside the page.
import path from 'node:path';

import type { Censor } from '../supervisor/secrets/censor.js';
import { type BudgetItem, toLogAllotments } from './log-budget.js';
import { findTailStart, openLogSource, toTextEnd } from './log-source.js';
import { readLogHtml, streamLogHtml } from './log-stream.js';
import {
  LAST_LINES,
  LOG_CLOSE_HTML,
  LOG_MIDDLE_HTML,
  LOGS_CLOSE_HTML,
  LOGS_OPEN_HTML,
  toLogOpenHtml,
  toLogOrder,
  toNoLogHtml,
} from './logs-html.js';
import { escapeHtml, formatMb } from './page-text.js';
import type { ReportModel, ReportProcess } from './report-model.js';

/** The last lines shown above a log's tail take at most this (and an eighth of its allotment). */
const LAST_LINES_BYTES = 128 * 1024;

export interface WriteLogsOptions {
  censor: Censor;
  /** records.log_tail: the most of one log */
  logTailBytes: number;
  /** all the logs together */
  budgetBytes: number;
}

function toFailed(p: ReportProcess): boolean {
  return p.end !== null && p.end.reason !== 'stopped' && p.end.exitCode !== 0;
}

function toSource(dir: string, logPath: string): ReturnType<typeof openLogSource> {
  return openLogSource(path.join(dir, path.dirname(logPath)), path.basename(logPath, '.log'));
}

/** The size of each log, without keeping it open. */
async function toBudgetItems(dir: string, model: ReportModel, procs: ReportProcess[]): Promise<BudgetItem[]> {
  const items: BudgetItem[] = [];
  for (const p of procs) {
    const src = p.logPath === undefined ? null : await toSource(dir, p.logPath);
    const size = src?.size ?? 0;
    await src?.close();
    items.push({ size, priority: p.name === model.run.causeProcess ? 1 : toFailed(p) ? 2 : 0 });
  }
  return items;
}

async function writeLog(
  dir: string,
  proc: ReportProcess,
  cause: boolean,
  allot: number,
  opts: WriteLogsOptions,
  write: (html: string) => Promise<void>,
): Promise<void> {
  const src = proc.logPath === undefined ? null : await toSource(dir, proc.logPath);
  if (src === null || proc.logPath === undefined) return write(toNoLogHtml(proc.name));
  try {
    const end = await toTextEnd(src);
    const lastBytes = Math.min(Math.floor(allot / 8), LAST_LINES_BYTES);
    const last = await readLogHtml(src, await findTailStart(src, end, lastBytes, LAST_LINES), opts.censor);
    const whole = await findTailStart(src, end, Math.max(0, allot - Buffer.byteLength(last)));
    const link = `<a href="${escapeHtml(encodeURI(proc.logPath))}">${escapeHtml(proc.logPath)}</a>`;
    const omitted =
      whole.start > 0
        ? `${formatMb(whole.start)} before this tail left out (the page's budget for logs): the whole log is ${link}, beside this page`
        : '';
    await write(toLogOpenHtml(proc.name, cause, whole.lines, omitted) + last + LOG_MIDDLE_HTML);
    await streamLogHtml(src, whole, opts.censor, write);
    await write(LOG_CLOSE_HTML);
  } finally {
    await src.close();
  }
}

/** Writes the logs section of the records in `dir` through `write`. */
export async function writeLogsSection(
  dir: string,
  model: ReportModel,
  opts: WriteLogsOptions,
  write: (html: string) => Promise<void>,
): Promise<void> {
  const procs = toLogOrder(model);
  const allots = toLogAllotments(await toBudgetItems(dir, model, procs), opts.logTailBytes, opts.budgetBytes);
  await write(LOGS_OPEN_HTML);
  for (const [i, proc] of procs.entries())
    await writeLog(dir, proc, proc.name === model.run.causeProcess, allots[i] ?? 0, opts, write);
  await write(LOGS_CLOSE_HTML);
}
