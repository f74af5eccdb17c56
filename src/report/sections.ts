// The page's sections as HTML: the header, the timeline with its legend, the memory charts.
// Self-contained functions (page-functions.ts): a live page re-renders them in the browser.
import { toMemorySvg, toPeakText } from './memory-svg.js';
import { escapeHtml, formatDuration, formatEnd, formatTime } from './page-text.js';
import type { ReportModel } from './report-model.js';
import { toTimeSpan } from './timeline.js';
import { toTimelineSvg } from './timeline-svg.js';

/** Header: app, instance, run id, result, cause, summary, start, duration, versions. */
export function toHeaderHtml(model: ReportModel): string {
  const run = model.run;
  const cause = model.processes.find((p) => p.name === run.causeProcess) ?? null;
  const result = run.result ?? (run.finishedAtMs === null ? 'RUNNING' : 'UNKNOWN');
  const end = run.finishedAtMs ?? (run.result === null ? model.nowMs : null);
  const rows: Array<[string, string]> = [
    ['app', run.app ?? '-'],
    ['instance', run.instance ?? '-'],
    ['run id', run.runId ?? '-'],
    ['result', `${result}${run.exitCode === null ? '' : ` (exit code ${run.exitCode})`}`],
    ['cause', run.causeText ?? '-'],
    ['summary', run.summary ?? '-'],
    ['started', formatTime(run.startedAtMs, true)],
    [
      'duration',
      run.startedAtMs === null || end === null
        ? '-'
        : `${formatDuration(end - run.startedAtMs)}${run.finishedAtMs === null ? ' so far' : ''}`,
    ],
    [
      'versions',
      [run.version === null ? null : `sidecars ${run.version}`, run.node, run.mode]
        .filter((v) => v !== null)
        .join(', ') || '-',
    ],
  ];
  const verdict =
    cause === null
      ? ''
      : `<p class="verdict"><b>${escapeHtml(cause.name)}</b> ended the run: ${escapeHtml(cause.end === null ? 'still running' : formatEnd(cause.end))}${cause.finishedAtMs === null ? '' : ` at ${formatTime(cause.finishedAtMs, false)}${run.startedAtMs === null ? '' : ` (+${formatDuration(cause.finishedAtMs - run.startedAtMs)})`}`}${cause.limitBytes === null && cause.peakRssBytes === null ? '' : `; ${escapeHtml(toPeakText(cause))}`}${cause.end?.detail ? ` <span class="detail">${escapeHtml(cause.end.detail)}</span>` : ''}</p>`;
  return `<header><h1><span class="result r-${escapeHtml(result)}">${escapeHtml(result)}</span> ${escapeHtml(run.app ?? 'run')}${run.instance === null ? '' : ` <small>${escapeHtml(run.instance)}</small>`}</h1>${verdict}<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl></header>`;
}

/** The timeline section: legend, the SVG, and each row's end in words (a table, for the text). */
export function toTimelineHtml(model: ReportModel, gapX: number): string {
  const legend = ['waiting', 'starting', 'running', 'healthy', 'restarting', 'loop']
    .map((s) => `<span class="key"><i class="sw st-${s}"></i>${s === 'loop' ? 'restart loop' : s}</span>`)
    .join('');
  const marks = [
    ['exit', 'exit'],
    ['oom', 'memory kill'],
    ['health', 'health failure'],
    ['restart', 'restart'],
  ]
    .map(([k, t]) => `<span class="key"><i class="sw mk-${k}"></i>${t}</span>`)
    .join('');
  const rows = model.processes
    .map((p) => {
      const cls = p.name === model.run.causeProcess ? ' class="cause"' : '';
      const end = p.end === null ? (p.state ?? 'running') : formatEnd(p.end);
      return `<tr${cls}><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.type)}</td><td>${escapeHtml(end)}</td><td>${formatTime(p.finishedAtMs, false)}</td><td>${p.restarts}</td><td>${escapeHtml(toPeakText(p))}</td></tr>`;
    })
    .join('');
  return `<section id="timeline"><h2>Timeline</h2><div class="legend">${legend}${marks}</div><div class="scroll">${toTimelineSvg(model, gapX)}</div><table class="ends"><thead><tr><th>process</th><th>type</th><th>end</th><th>at</th><th>restarts</th><th>memory</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** Memory: one chart per process that has a limit or a series, the run's cause first. */
export function toMemoryHtml(model: ReportModel): string {
  const { t0, t1 } = toTimeSpan(model);
  const procs = [...model.processes].sort(
    (a, b) => Number(b.name === model.run.causeProcess) - Number(a.name === model.run.causeProcess),
  );
  const charts = procs
    .map((p) => {
      const svg = toMemorySvg(p, t0, t1);
      if (svg === '') return '';
      const cls = p.name === model.run.causeProcess ? ' cause' : '';
      const series =
        p.memory === null
          ? ' <span class="detail">(no memory series in these records: the peak only)</span>'
          : '';
      return `<div class="chart${cls}" data-name="${escapeHtml(p.name)}"><h3>${escapeHtml(p.name)} <small>${escapeHtml(toPeakText(p))}</small>${series}</h3><div class="scroll">${svg}</div></div>`;
    })
    .join('');
  return `<section id="memory"><h2>Memory</h2>${charts === '' ? '<p>No process had a memory limit or a measurement.</p>' : charts}</section>`;
}

/** Everything but the logs: what a live page re-renders as events come. */
export function toLiveHtml(model: ReportModel, gapX: number): string {
  const notes = model.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `${toHeaderHtml(model)}${notes}${toTimelineHtml(model, gapX)}${toMemoryHtml(model)}`;
}
