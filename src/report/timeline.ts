// The timeline's pure parts: each process's states over time, quantized to columns (a crash loop of
// thousands of runs becomes one "restart loop" band), and its markers, merged when they crowd. Each
// is a self-contained function: the page's script carries their source (page-functions.ts).
import type { ReportEvent, ReportModel, ReportProcess } from './report-model.js';

export interface Segment {
  fromMs: number;
  toMs: number;
  state: string;
}

export interface Marker {
  atMs: number;
  /** exit | oom | health | restart */
  kind: string;
  text: string;
}

export interface MarkerCluster {
  kind: string;
  x0: number;
  x1: number;
  count: number;
  firstMs: number;
  lastMs: number;
  /** the last marker's text */
  text: string;
}

/** The run's time span: from its start (or its first fact) to its end (or now, while it runs). */
export function toTimeSpan(model: ReportModel): { t0: number; t1: number } {
  let t0 = model.run.startedAtMs ?? Infinity;
  let t1 = model.run.finishedAtMs ?? -Infinity;
  for (const proc of model.processes) {
    for (const at of [proc.startedAtMs, proc.finishedAtMs]) {
      if (at !== null) t0 = Math.min(t0, at);
      if (at !== null) t1 = Math.max(t1, at);
    }
    const first = proc.events[0];
    const last = proc.events[proc.events.length - 1];
    if (first !== undefined) t0 = Math.min(t0, first.atMs);
    if (last !== undefined) t1 = Math.max(t1, last.atMs);
  }
  if (model.run.finishedAtMs === null) t1 = Math.max(t1, model.nowMs);
  if (!Number.isFinite(t0)) t0 = model.nowMs;
  if (!Number.isFinite(t1) || t1 <= t0) t1 = t0 + 1000;
  return { t0, t1 };
}

/** Its states between transitions (process.<state> events); exited and killed end the last one. */
export function toSegments(proc: ReportProcess, endMs: number): Segment[] {
  const out: Segment[] = [];
  let open: { atMs: number; state: string } | null = null;
  for (const event of proc.events) {
    if (!event.type.startsWith('process.') || event.type === 'process.kill_forced') continue;
    const state = event.type.slice('process.'.length);
    if (open !== null && event.atMs >= open.atMs) {
      out.push({ fromMs: open.atMs, toMs: event.atMs, state: open.state });
    }
    open = state === 'exited' || state === 'killed' ? null : { atMs: event.atMs, state };
  }
  if (open !== null) out.push({ fromMs: open.atMs, toMs: proc.finishedAtMs ?? endMs, state: open.state });
  return out;
}

/**
 * The segments drawn in `columns` columns over [t0, t1]: each column shows the state it spent most
 * time in, or `loop` when it saw more than two states start (a crash loop); equal neighbours merge.
 */
export function toColumnRuns(
  segments: readonly Segment[],
  t0: number,
  t1: number,
  columns: number,
): Array<{ c0: number; c1: number; state: string }> {
  const width = (t1 - t0) / columns;
  const best: Array<{ state: string; ms: number; starts: number; cover: Record<string, number> } | null> =
    new Array<null>(columns).fill(null);
  for (const seg of segments) {
    const a = Math.max(seg.fromMs, t0);
    const b = Math.min(seg.toMs, t1);
    if (b < a) continue;
    const c0 = Math.min(columns - 1, Math.floor((a - t0) / width));
    const c1 = Math.min(columns - 1, Math.floor((b - t0) / width));
    for (let c = c0; c <= c1; c++) {
      const lo = Math.max(a, t0 + c * width);
      const hi = Math.min(b, t0 + (c + 1) * width);
      let col = best[c] ?? null;
      if (col === null) {
        col = { state: seg.state, ms: 0, starts: 0, cover: {} };
        best[c] = col;
      }
      if (c === c0) col.starts += 1;
      const ms = (col.cover[seg.state] ?? 0) + Math.max(hi - lo, 0.001);
      col.cover[seg.state] = ms;
      if (ms > col.ms) {
        col.ms = ms;
        col.state = seg.state;
      }
    }
  }
  const runs: Array<{ c0: number; c1: number; state: string }> = [];
  for (let c = 0; c < columns; c++) {
    const col = best[c] ?? null;
    if (col === null) continue;
    const state = col.starts > 2 ? 'loop' : col.state;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.state === state && last.c1 === c - 1) last.c1 = c;
    else runs.push({ c0: c, c1: c, state });
  }
  return runs;
}

/** A marker per exit, memory kill, health failure and restart, in time order. */
export function toMarkers(events: readonly ReportEvent[]): Marker[] {
  const out: Marker[] = [];
  for (const e of events) {
    const how =
      e.exitCode !== null && e.exitCode !== undefined
        ? `exit code ${e.exitCode}`
        : e.signal !== null && e.signal !== undefined
          ? e.signal
          : (e.reason ?? '');
    if (e.type === 'process.exited' || e.type === 'process.killed') {
      out.push({
        atMs: e.atMs,
        kind: 'exit',
        text: `${e.reason === 'oom' ? 'killed (memory)' : 'ended'}: ${how}`,
      });
    } else if (e.type === 'process.restarting') {
      const wait = e.delayMs === undefined ? '' : `, restart in ${e.delayMs} ms`;
      out.push({ atMs: e.atMs, kind: 'restart', text: `${e.reason ?? 'ended'} (${how})${wait}` });
    } else if (e.type === 'memory.exceeded') {
      const rss = e.rssBytes === undefined ? '?' : `${Math.round((e.rssBytes / 1048576) * 10) / 10} MB`;
      const limit = e.limitBytes === undefined ? '?' : `${Math.round((e.limitBytes / 1048576) * 10) / 10} MB`;
      out.push({ atMs: e.atMs, kind: 'oom', text: `memory limit exceeded: ${rss} over ${limit}` });
    } else if (e.type === 'health.failed' || e.type === 'gate.timed_out') {
      out.push({ atMs: e.atMs, kind: 'health', text: e.detail ?? e.type });
    }
  }
  return out;
}

/**
 * Markers of one kind closer than `gapX` to the previous one join its cluster: a loop of 10,000
 * restarts is one marker with its count and time range.
 */
export function toMarkerClusters(
  markers: readonly Marker[],
  xOf: (atMs: number) => number,
  gapX: number,
): MarkerCluster[] {
  const open: Record<string, MarkerCluster> = {};
  const out: MarkerCluster[] = [];
  for (const m of markers) {
    const x = xOf(m.atMs);
    const cur = open[m.kind];
    if (cur !== undefined && x - cur.x1 < gapX) {
      cur.x1 = Math.max(cur.x1, x);
      cur.count += 1;
      cur.lastMs = m.atMs;
      cur.text = m.text;
      continue;
    }
    const next = { kind: m.kind, x0: x, x1: x, count: 1, firstMs: m.atMs, lastMs: m.atMs, text: m.text };
    open[m.kind] = next;
    out.push(next);
  }
  return out;
}
