// One process's memory: its RSS (and PSS) series against its limit, the kill point marked, and the
// peak as a share of the limit. On the timeline's time axis. Self-contained (page-functions.ts).
import { escapeHtml, formatMb, formatTime } from './page-text.js';
import type { ReportProcess } from './report-model.js';

/** The chart of one process over [t0, t1]; '' when there is nothing to draw (no limit, no series). */
export function toMemorySvg(proc: ReportProcess, t0: number, t1: number): string {
  const LEFT = 70;
  const PLOT = 900;
  const H = 110;
  const TOP = 8;
  const COLUMNS = 450;
  const points = proc.memory?.points ?? [];
  const kill = proc.events.filter((e) => e.type === 'memory.exceeded');
  let peak = proc.peakRssBytes ?? 0;
  for (const p of points) peak = Math.max(peak, p[1], p[2] ?? 0);
  for (const k of kill) peak = Math.max(peak, k.rssBytes ?? 0);
  if (points.length === 0 && proc.limitBytes === null && peak === 0) return '';
  const top = Math.max(proc.limitBytes ?? 0, peak, 1) * 1.12;
  const xOf = (atMs: number): number => LEFT + Math.max(0, Math.min(PLOT, ((atMs - t0) / (t1 - t0)) * PLOT));
  const yOf = (bytes: number): number => TOP + H - (bytes / top) * H;
  const r = (n: number): number => Math.round(n * 10) / 10;
  const out: string[] = [];
  out.push(
    `<svg class="memory" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LEFT + PLOT + 20} ${H + TOP + 20}" width="${LEFT + PLOT + 20}" height="${H + TOP + 20}" role="img" aria-label="memory of ${escapeHtml(proc.name)}">`,
    `<rect class="plot" x="${LEFT}" y="${TOP}" width="${PLOT}" height="${H}"/>`,
    `<text class="axis" x="${LEFT - 4}" y="${TOP + 10}" text-anchor="end">${formatMb(top)}</text>`,
    `<text class="axis" x="${LEFT - 4}" y="${TOP + H}" text-anchor="end">0</text>`,
  );
  // the series, one point per column at most (its maximum: a peak is never lost)
  const series = (index: 1 | 2, cls: string): void => {
    const cols: Array<[number, number] | undefined> = [];
    for (const p of points) {
      const v = p[index];
      if (v === null || v === undefined) continue;
      const c = Math.min(COLUMNS - 1, Math.max(0, Math.floor(((p[0] - t0) / (t1 - t0)) * COLUMNS)));
      const cur = cols[c];
      if (cur === undefined || v > cur[1]) cols[c] = [p[0], v];
    }
    const xy = cols
      .filter((c): c is [number, number] => c !== undefined)
      .map((c) => `${r(xOf(c[0]))},${r(yOf(c[1]))}`);
    if (xy.length === 1) xy.push(xy[0]!.replace(/^[\d.]+/, (x) => String(Number(x) + 2)));
    if (xy.length > 0) out.push(`<polyline class="${cls}" points="${xy.join(' ')}"/>`);
  };
  series(1, 'rss');
  series(2, 'pss');
  if (proc.limitBytes !== null) {
    const y = r(yOf(proc.limitBytes));
    out.push(
      `<line class="limit" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>limit ${formatMb(proc.limitBytes)}</title></line>`,
      `<text class="limit-label" x="${LEFT + PLOT - 4}" y="${y - 4}" text-anchor="end">limit ${formatMb(proc.limitBytes)}</text>`,
    );
  }
  if (points.length === 0 && proc.peakRssBytes !== null) {
    const y = r(yOf(proc.peakRssBytes));
    out.push(
      `<line class="peak" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>peak ${formatMb(proc.peakRssBytes)} (no series recorded)</title></line>`,
    );
  }
  for (const k of kill) {
    const x = r(xOf(k.atMs));
    const y = r(yOf(k.rssBytes ?? proc.limitBytes ?? 0));
    const text = `killed at ${formatTime(k.atMs, false)}: RSS ${formatMb(k.rssBytes)}${k.pssBytes === null || k.pssBytes === undefined ? '' : `, PSS ${formatMb(k.pssBytes)}`} over ${formatMb(k.limitBytes ?? proc.limitBytes)}`;
    out.push(
      `<line class="kill-line" x1="${x}" y1="${TOP}" x2="${x}" y2="${TOP + H}"/>`,
      `<circle class="kill" cx="${x}" cy="${y}" r="6"><title>${escapeHtml(text)}</title></circle>`,
      `<text class="kill-label" x="${x - 8}" y="${Math.max(TOP + 12, y - 8)}" text-anchor="end">${escapeHtml(`killed: ${formatMb(k.rssBytes)}`)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('');
}

/** "peak 70.1 MB = 110% of its 64 MB limit" */
export function toPeakText(proc: ReportProcess): string {
  let peak = proc.peakRssBytes ?? null;
  for (const p of proc.memory?.points ?? []) peak = Math.max(peak ?? 0, p[1]);
  for (const e of proc.events)
    if (e.type === 'memory.exceeded' && e.rssBytes !== undefined) peak = Math.max(peak ?? 0, e.rssBytes);
  if (peak === null) return 'never measured';
  if (proc.limitBytes === null) return `peak ${formatMb(peak)}, no limit`;
  return `peak ${formatMb(peak)} = ${Math.round((peak / proc.limitBytes) * 100)}% of its ${formatMb(proc.limitBytes)} limit`;
}
