// `sidecars status` output: a table of processes (pure), and one line per followed event.
import type { ProcessView, StateBody } from '../model/process-view.js';

const HEADERS = ['NAME', 'STATE', 'HEALTH', 'MEMORY', 'RESTARTS', 'LAST EXIT'];

function toMemory(view: ProcessView): string {
  const rss = view.rss_mb === null ? '-' : `${view.rss_mb}`;
  return view.limit_mb === null ? `${rss} MB` : `${rss} / ${view.limit_mb} MB`;
}

function toLastExit(view: ProcessView): string {
  const exit = view.last_exit;
  if (exit === null) return '-';
  const status = exit.signal !== null ? exit.signal : `code ${exit.exit_code ?? '?'}`;
  return `${exit.reason} (${status})`;
}

/** `restarting at 12:00:05Z` while it waits out its back-off; else the state. */
function toState(view: ProcessView): string {
  const next = view.next_restart_at;
  if (view.state !== 'restarting' || next === undefined || next === null) return view.state;
  return `restarting at ${new Date(next * 1000).toISOString().slice(11, 19)}Z`;
}

/** `unix:/tmp/sidecars/sidecars-web.sock (running, pid 4242)` then an aligned table of its processes. */
export function toStatusTable(address: string, body: StateBody): string {
  const rows = Object.entries(body.processes).map(([name, view]) => [
    name,
    toState(view),
    view.health ?? '-',
    toMemory(view),
    String(view.restarts),
    toLastExit(view),
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    `${address} (${body.finished ? 'finished' : 'running'}${body.pid !== undefined ? `, pid ${body.pid}` : ''})`,
    format(HEADERS),
    ...rows.map(format),
  ].join('\n');
}

/** One followed event as `12:00:01.234 [agent] process.running spawned`. */
export function toEventLine(line: string, source: string | null): string {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const at = typeof event['at'] === 'number' ? new Date(event['at']).toISOString().slice(11, 23) : '';
  const who = typeof event['name'] === 'string' ? `[${event['name']}] ` : '';
  const detail = ['cause', 'detail', 'summary']
    .map((key) => event[key])
    .find((value): value is string => typeof value === 'string');
  const from = source === null ? '' : `${source} `;
  const attempt = event['type'] === 'process.restarting' ? toAttempt(event) : '';
  return `${at} ${from}${who}${String(event['type'])}${detail !== undefined ? ` ${detail}` : ''}${attempt}`;
}

/** ` (restart 2, in 2000 ms)`; an operator's restart is not counted: ` (by an operator)` */
function toAttempt(event: Record<string, unknown>): string {
  if (event['reason'] === 'operator') return ' (by an operator)';
  return typeof event['attempt'] === 'number' && typeof event['delayMs'] === 'number'
    ? ` (restart ${event['attempt']}, in ${event['delayMs']} ms)`
    : '';
}
