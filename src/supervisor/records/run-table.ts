// `sidecars runs` as a table (pure): one aligned line per run, the summary cut to the width left.
import type { RunRow } from './run-rows.js';

/** The summary column is never cut shorter than this, however narrow the terminal. */
export const MIN_SUMMARY_COLS = 20;
/** …nor longer than this when the output is not a terminal (a pipe, a file). */
export const MAX_SUMMARY_COLS = 120;

/** `42s`, `12m03s`, `3h04m`, `2d03h`; `-` when not known. */
export function toDurationText(seconds: number | null): string {
  if (seconds === null) return '-';
  const two = (n: number): string => String(n).padStart(2, '0');
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${two(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${two(Math.floor(seconds / 60) % 60)}m`;
  return `${Math.floor(seconds / 86_400)}d${two(Math.floor(seconds / 3600) % 24)}h`;
}

/** `{process: agent}` → `agent`; `{signal: SIGTERM}` → `SIGTERM`; other fields in parentheses: `agent (sidecars-web)`. */
export function toCauseText(cause: Record<string, unknown> | null): string {
  if (cause === null) return '-';
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  const main = cause['process'] ?? cause['signal'];
  const extra = Object.entries(cause)
    .filter(([key]) => key !== 'process' && key !== 'signal')
    .map(([key, value]) => (key === 'entry' ? text(value) : `${key}=${text(value)}`));
  const head = main === undefined ? '' : text(main);
  if (extra.length === 0) return head || '-';
  return head === '' ? extra.join(', ') : `${head} (${extra.join(', ')})`;
}

/** One line of text: control characters (a newline in a summary, a key's odd byte) become spaces. */
function toCell(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

function cut(text: string, cols: number): string {
  return text.length <= cols ? text : `${text.slice(0, cols - 1)}…`;
}

/**
 * The header and one line per row. `widthCols` (the terminal's) bounds each line: the summary gives
 * way; `null` (no terminal): the summary is cut at MAX_SUMMARY_COLS.
 */
export function toRunTable(
  rows: readonly RunRow[],
  opts: { showApp: boolean; widthCols: number | null },
): string[] {
  const headers = ['RUN ID', ...(opts.showApp ? ['APP'] : []), 'INSTANCE', 'STARTED (UTC)', 'DURATION'];
  headers.push('RESULT', 'CAUSE', 'SUMMARY');
  const cells = rows.map((row) => [
    row.run_id,
    ...(opts.showApp ? [row.app || '-'] : []),
    row.instance,
    row.started_at === null ? '-' : row.started_at.replace('T', ' ').replace('Z', ''),
    toDurationText(row.duration_s),
    row.result,
    toCauseText(row.cause),
    [row.summary ?? '', ...row.problems.map((p) => `[${p}]`)].filter(Boolean).join(' ') || '-',
  ]);
  const lines = [headers, ...cells].map((line) => line.map(toCell));
  const widths = headers.map((_, i) => Math.max(...lines.map((line) => line[i]?.length ?? 0)));
  const fixedCols = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0);
  const summaryCols =
    opts.widthCols === null ? MAX_SUMMARY_COLS : Math.max(MIN_SUMMARY_COLS, opts.widthCols - fixedCols);
  return lines.map((line) =>
    line
      .map((cell, i) => (i === line.length - 1 ? cut(cell, summaryCols) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
