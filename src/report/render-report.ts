// The page: model → one self-contained HTML document. Inline CSS, SVG and script; a
// Content-Security-Policy that allows nothing to be fetched (a live page: its own origin's /state
// and /events only). Its size is bounded: the page itself stays within PAGE_BOUND_BYTES, plus each
// process's log tail (at most model.logTailBytes each, escaping included).
import { toLogsHtml } from './logs-html.js';
import { escapeHtml, formatTime } from './page-text.js';
import { toPageFunctions } from './page-functions.js';
import { type LiveOptions, toPageScript } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';
import type { ReportModel } from './report-model.js';
import { toLiveHtml } from './sections.js';

/** The page without its log tails: at most this many bytes. */
export const PAGE_BOUND_BYTES = 300 * 1024;

/** Markers of one kind closer than this (of the plot's 900 units) merge; wider when the page would pass its bound. */
const MARKER_GAPS = [8, 32, 128, 900];

export interface RenderOptions {
  /** served live by the state API: the script reads these paths of its own origin */
  live?: Partial<LiveOptions> | null;
}

export const DEFAULT_LIVE: LiveOptions = { statePath: '/state', eventsPath: '/events', pollMs: 2000 };

export function toCsp(live: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "script-src 'unsafe-inline'",
    'img-src data:',
    ...(live ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** JSON inside a <script> element: no `<` can close it or open a comment. */
function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The model a live page starts from: everything but the logs (the state API serves none). */
function toLiveModel(model: ReportModel): ReportModel {
  return { ...model, processes: model.processes.map((p) => ({ ...p, log: null })) };
}

/**
 * The page around its logs section (html = head + logs + foot), and the byte size of the part
 * bounded by PAGE_BOUND_BYTES (head and foot: the page less its logs).
 */
export function renderReportParts(
  model: ReportModel,
  opts: RenderOptions = {},
): { head: string; foot: string; pageBytes: number } {
  const live = opts.live === undefined || opts.live === null ? null : { ...DEFAULT_LIVE, ...opts.live };
  const functions = toPageFunctions();
  let out = { head: '', foot: '', pageBytes: Infinity };
  for (const gap of MARKER_GAPS) {
    const script = toPageScript(live, functions, gap).replace(/<\/script/gi, '<\\/script');
    const title = `${model.run.result ?? 'RUNNING'} ${model.run.app ?? 'run'} ${model.run.runId ?? formatTime(model.run.startedAtMs, true)}`;
    const modelJson =
      live === null
        ? ''
        : `<script type="application/json" id="model">${toScriptJson(toLiveModel(model))}</script>`;
    const head = [
      '<!doctype html><html lang="en"><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${toCsp(live !== null)}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>`,
      live === null ? '' : '<p class="detail">Live view: <span id="live-status">connecting…</span></p>',
      `<div id="live">${toLiveHtml(model, gap)}</div>`,
    ].join('');
    const foot = [
      live === null
        ? `<footer>Written ${escapeHtml(formatTime(model.nowMs, true))} by sidecars${model.run.version === null ? '' : ` ${escapeHtml(model.run.version)}`}. This page loads nothing: everything is in it.</footer>`
        : '<footer>Live: this page reads its own origin’s /state and /events, nothing else. The logs are in the records (report.html) once the run ends.</footer>',
      modelJson,
      `<script>${script}</script></body></html>\n`,
    ].join('');
    out = { head, foot, pageBytes: Buffer.byteLength(head) + Buffer.byteLength(foot) };
    if (out.pageBytes <= PAGE_BOUND_BYTES) break;
  }
  return out;
}

/** The page, and the byte size of the part bounded by PAGE_BOUND_BYTES (the page less its log tails). */
export function renderReportSized(
  model: ReportModel,
  opts: RenderOptions = {},
): { html: string; pageBytes: number } {
  const live = opts.live !== undefined && opts.live !== null;
  const { head, foot, pageBytes } = renderReportParts(model, opts);
  return { html: head + (live ? '' : toLogsHtml(model)) + foot, pageBytes };
}

/**
 * A model with nothing in it yet: what a live page starts from when no records are read (its script
 * fills it from /events and /state).
 */
export function toEmptyModel(nowMs: number, logTailBytes = 1048576): ReportModel {
  const run: ReportModel['run'] = {
    app: null,
    instance: null,
    runId: null,
    result: null,
    causeProcess: null,
    causeText: null,
    summary: null,
    exitCode: null,
    startedAtMs: null,
    finishedAtMs: null,
    version: null,
    mode: null,
    node: null,
  };
  return { run, processes: [], events: [], nowMs, notes: [], logTailBytes };
}

/** The page as one HTML string (see renderReportSized for its bound). */
export function renderReport(model: ReportModel, opts: RenderOptions = {}): string {
  return renderReportSized(model, opts).html;
}
