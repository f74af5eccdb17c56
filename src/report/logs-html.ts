// The logs section: each process's tail, HTML-escaped, its last lines first (what it said just
// before the end), the whole tail below (the script scrolls it to its end), one filter box for all.
import { escapeHtml, formatCount, formatMb } from './page-text.js';
import type { ReportModel, ReportProcess } from './report-model.js';

/** How many of the last lines are shown above the whole tail. */
export const LAST_LINES = 20;

/**
 * The escaped tail within `budget` bytes (the page's bound): whole lines are dropped from its start
 * until it fits (one line longer than the budget: its end is kept); returns the HTML and how many
 * lines were dropped. The cut is made in the escaped bytes, at a newline: it never splits an entity.
 */
export function toBoundedLogHtml(text: string, budget: number): { html: string; droppedLines: number } {
  const html = escapeHtml(text);
  const bytes = Buffer.from(html);
  if (bytes.length <= budget) return { html, droppedLines: 0 };
  const excess = bytes.length - budget;
  const newline = bytes.indexOf(0x0a, Math.max(0, excess - 1));
  let cut = newline < 0 ? excess : newline + 1;
  while (cut < bytes.length && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut += 1; // not inside a character
  let droppedLines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0 && at < cut; at = bytes.indexOf(0x0a, at + 1)) droppedLines += 1;
  // a cut inside one long line leaves an entity's tail ("amp;") as text at worst, never markup
  return {
    html: bytes.subarray(cut).toString('utf8'),
    droppedLines: newline < 0 ? droppedLines + 1 : droppedLines,
  };
}

/** A log without a file. */
export function toNoLogHtml(name: string): string {
  const n = escapeHtml(name);
  return `<details class="log" data-name="${n}"><summary>${n} <small>no log</small></summary></details>`;
}

/** A log's element up to its last lines (`omitted`: the HTML of what was left out, or ''). */
export function toLogOpenHtml(name: string, cause: boolean, lines: number, omitted: string): string {
  const n = escapeHtml(name);
  const summary = `${n} <small>${formatCount(lines)} lines</small>${cause ? ' <b class="cause-tag">ended the run</b>' : ''}`;
  const note = omitted === '' ? '' : `<p class="omitted">${omitted}</p>`;
  return `<details class="log${cause ? ' cause' : ''}" data-name="${n}"${cause ? ' open' : ''}><summary>${summary}</summary>${note}<h4>last ${Math.min(LAST_LINES, lines)} lines</h4><pre class="last">`;
}

/** Between a log's last lines and its whole tail. */
export const LOG_MIDDLE_HTML =
  '</pre><h4>the whole tail <small>(scrolled to its end)</small></h4><pre class="tail">';
export const LOG_CLOSE_HTML = '</pre></details>';

function toLogHtml(proc: ReportProcess, cause: boolean, budget: number): string {
  const log = proc.log;
  if (log === null) return toNoLogHtml(proc.name);
  const lines = log.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const last = toBoundedLogHtml(lines.slice(-LAST_LINES).join('\n'), Math.floor(budget / 8)).html;
  const whole = toBoundedLogHtml(lines.join('\n'), Math.max(0, budget - Buffer.byteLength(last)));
  const omitted =
    log.omittedBytes > 0 || whole.droppedLines > 0
      ? `${log.omittedBytes > 0 ? `${formatMb(log.omittedBytes)} before this tail not kept` : ''}${whole.droppedLines > 0 ? ` ${formatCount(whole.droppedLines)} first lines left out (the page's bound)` : ''}`
      : '';
  return `${toLogOpenHtml(proc.name, cause, lines.length, omitted)}${last}${LOG_MIDDLE_HTML}${whole.html}${LOG_CLOSE_HTML}`;
}

/** The logs section's start: its title and the filter box (every log's elements follow, then LOGS_CLOSE_HTML). */
export const LOGS_OPEN_HTML =
  '<section id="logs"><h2>Logs</h2><p class="filter"><input id="filter" type="search" placeholder="filter lines (every log)" aria-label="filter log lines"> <span id="matches"></span></p>';
export const LOGS_CLOSE_HTML = '</section>';

/** The processes in the page's order: the run's cause first. */
export function toLogOrder(model: ReportModel): ReportProcess[] {
  const isCause = (p: ReportProcess): boolean => p.name === model.run.causeProcess;
  return [...model.processes].sort((a, b) => Number(isCause(b)) - Number(isCause(a)));
}

/** Every process's log, the run's cause first and open. */
export function toLogsHtml(model: ReportModel): string {
  const logs = toLogOrder(model)
    .map((p) => toLogHtml(p, p.name === model.run.causeProcess, model.logTailBytes))
    .join('');
  return `${LOGS_OPEN_HTML}${logs}${LOGS_CLOSE_HTML}`;
}
