// The timeline: one row per process (nested sidecars as `<entry>/<name>`), its states as coloured
// bands, its exits, memory kills, health failures and restarts as markers (merged when they crowd,
// with their count), the process that ended the run in red. Self-contained functions (page-functions.ts).
import { escapeHtml, formatCount, formatDuration, formatTime } from './page-text.js';
import type { ReportModel } from './report-model.js';
import { toColumnRuns, toMarkerClusters, toMarkers, toSegments, toTimeSpan } from './timeline.js';

/** The timeline as one SVG; `gapX`: markers of a kind closer than this (of 900) merge. */
export function toTimelineSvg(model: ReportModel, gapX: number): string {
  const LABEL = 230;
  const PLOT = 900;
  const ROW = 26;
  const COLUMNS = 450;
  const TOP = 22;
  const { t0, t1 } = toTimeSpan(model);
  const xOf = (atMs: number): number => LABEL + Math.max(0, Math.min(PLOT, ((atMs - t0) / (t1 - t0)) * PLOT));
  const height = TOP + ROW * model.processes.length + 6;
  const parts: string[] = [];
  parts.push(
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LABEL + PLOT + 20} ${height}" width="${LABEL + PLOT + 20}" height="${height}" role="img" aria-label="timeline">`,
  );
  for (let i = 0; i <= 4; i++) {
    const x = LABEL + (PLOT * i) / 4;
    const at = t0 + ((t1 - t0) * i) / 4;
    const label = i === 0 ? formatTime(at, false) : `+${formatDuration(at - t0)}`;
    parts.push(
      `<line class="tick" x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${height - 4}"/><text class="axis" x="${x}" y="12" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}">${escapeHtml(label)}</text>`,
    );
  }
  model.processes.forEach((proc, i) => {
    const y = TOP + i * ROW;
    const cause = proc.name === model.run.causeProcess;
    parts.push(`<g class="row${cause ? ' cause' : ''}" data-name="${escapeHtml(proc.name)}">`);
    if (cause)
      parts.push(`<rect class="cause-bg" x="0" y="${y}" width="${LABEL + PLOT + 20}" height="${ROW}"/>`);
    const label = proc.name.length > 30 ? `…${proc.name.slice(-29)}` : proc.name;
    parts.push(
      `<text class="name" x="4" y="${y + 17}">${cause ? '✖ ' : ''}${escapeHtml(label)}<title>${escapeHtml(proc.name)}</title></text>`,
    );
    for (const run of toColumnRuns(toSegments(proc, t1), t0, t1, COLUMNS)) {
      const x = LABEL + (run.c0 * PLOT) / COLUMNS;
      const w = ((run.c1 - run.c0 + 1) * PLOT) / COLUMNS;
      const title = run.state === 'loop' ? 'restart loop (many short runs)' : run.state;
      parts.push(
        `<rect class="st st-${escapeHtml(run.state)}" x="${x}" y="${y + 6}" width="${w}" height="${ROW - 12}"><title>${escapeHtml(title)}</title></rect>`,
      );
    }
    for (const c of toMarkerClusters(toMarkers(proc.events), xOf, gapX)) {
      const many = c.count > 1;
      const when = many
        ? `${formatCount(c.count)} × between ${formatTime(c.firstMs, false)} and ${formatTime(c.lastMs, false)}; last: `
        : `${formatTime(c.firstMs, false)}: `;
      const title = `<title>${escapeHtml(when + c.text)}</title>`;
      const cy = y + ROW / 2;
      if (c.x1 - c.x0 > 1) {
        parts.push(
          `<rect class="mk-span mk-${c.kind}" x="${c.x0}" y="${cy - 2}" width="${c.x1 - c.x0}" height="4">${title}</rect>`,
        );
      }
      const x = c.x1;
      const shape =
        c.kind === 'oom'
          ? `<path class="mk mk-oom" d="M${x} ${cy - 8}L${x + 7} ${cy}L${x} ${cy + 8}L${x - 7} ${cy}Z">${title}</path>`
          : c.kind === 'restart'
            ? `<circle class="mk mk-restart" cx="${x}" cy="${cy}" r="4.5">${title}</circle>`
            : c.kind === 'health'
              ? `<path class="mk mk-health" d="M${x} ${cy - 7}L${x + 6} ${cy + 5}L${x - 6} ${cy + 5}Z">${title}</path>`
              : `<rect class="mk mk-exit" x="${x - 1.5}" y="${cy - 9}" width="3" height="18">${title}</rect>`;
      parts.push(shape);
      if (many) {
        parts.push(`<text class="count" x="${x + 6}" y="${cy - 4}">×${formatCount(c.count)}</text>`);
      }
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}
