// The logs section: each process's tail, HTML-escaped, its last lines first (what it said just
// before the end), the whole tail below (the script scrolls it to its end), one filter box for all.
import { escapeHtml, formatCount, formatMb } from './page-text.js';
import type { ReportModel, ReportProcess } from './report-model.js';

/** How many of the last lines are shown above the whole tail. */
export const LAST_LINES = 20;

/**
 * The escaped tail within `budget` bytes (the page's bound): lines are dropped from its start until
 * it fits (one line longer than the budget: its end is kept); returns the HTML and how many lines
 * were dropped.
 */
export function toBoundedLogHtml(text: string, budget: number): { html: string; droppedLines: number } {
  const html = escapeHtml(text);
  if (Buffer.byteLength(html) <= budget) return { html, droppedLines: 0 };
  const lines = text.split('\n');
  let dropped = 0;
  let size = Buffer.byteLength(html);
  while (dropped < lines.length - 1 && size > budget) {
    size -= Buffer.byteLength(escapeHtml(lines[dropped] ?? '')) + 1;
    dropped += 1;
  }
  const kept = lines.slice(dropped).join('\n');
  // at most 6 bytes per UTF-16 unit once escaped (&quot;): its last budget/6 units always fit
  const cut =
    size > budget ? kept.slice(kept.length - Math.floor(budget / 6)).replace(/^[\udc00-\udfff]/, '') : kept;
  return { html: escapeHtml(cut), droppedLines: dropped };
}

function toLogHtml(proc: ReportProcess, cause: boolean, budget: number): string {
  const log = proc.log;
  const name = escapeHtml(proc.name);
  if (log === null) {
    return `<details class="log" data-name="${name}"><summary>${name} <small>no log</small></summary></details>`;
  }
  const lines = log.text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const last = toBoundedLogHtml(lines.slice(-LAST_LINES).join('\n'), Math.floor(budget / 8)).html;
  const whole = toBoundedLogHtml(lines.join('\n'), Math.max(0, budget - Buffer.byteLength(last)));
  const omitted =
    log.omittedBytes > 0 || whole.droppedLines > 0
      ? `<p class="omitted">${log.omittedBytes > 0 ? `${formatMb(log.omittedBytes)} before this tail not kept` : ''}${whole.droppedLines > 0 ? ` ${formatCount(whole.droppedLines)} first lines left out (the page's bound)` : ''}</p>`
      : '';
  const summary = `${name} <small>${formatCount(lines.length)} lines</small>${cause ? ' <b class="cause-tag">ended the run</b>' : ''}`;
  return `<details class="log${cause ? ' cause' : ''}" data-name="${name}"${cause ? ' open' : ''}><summary>${summary}</summary>${omitted}<h4>last ${Math.min(LAST_LINES, lines.length)} lines</h4><pre class="last">${last}</pre><h4>the whole tail <small>(scrolled to its end)</small></h4><pre class="tail">${whole.html}</pre></details>`;
}

/** Every process's log, the run's cause first and open. */
export function toLogsHtml(model: ReportModel): string {
  const isCause = (p: ReportProcess): boolean => p.name === model.run.causeProcess;
  const procs = [...model.processes].sort((a, b) => Number(isCause(b)) - Number(isCause(a)));
  const logs = procs.map((p) => toLogHtml(p, isCause(p), model.logTailBytes)).join('');
  return `<section id="logs"><h2>Logs</h2><p class="filter"><input id="filter" type="search" placeholder="filter lines (every log)" aria-label="filter log lines"> <span id="matches"></span></p>${logs}</section>`;
}
