// A records dir → the page's model: the run's header, one row per process (each nested exec's
// sidecars right after it, as `<entry>/<name>`), their events, memory series and log tails.
// Records without events.jsonl or memory.json (older ones) still render: the timeline then comes
// from finished.json alone.
import path from 'node:path';

import { SidecarError } from '../common/errors.js';
import type { Censor } from '../supervisor/secrets/censor.js';
import { type FinishedProcessFile, type RecordFiles, readRecordFiles, toFileBase } from './record-files.js';
import { readLogForPage } from './read-log.js';
import type { ReportEvent, ReportModel, ReportProcess } from './report-model.js';

const MB = 1048576;
/** records.log_tail's default: the most of each log the page embeds */
export const DEFAULT_LOG_TAIL_BYTES = MB;

export interface ReadOptions {
  nowMs: number;
  logTailBytes: number;
  censor: Censor;
  /** false: no log is read (log: null); the page's writer streams them from logPath */
  readLogs?: boolean;
}

const toMs = (s: number | null | undefined): number | null =>
  typeof s === 'number' ? Math.round(s * 1000) : null;

/** The events of a process that has none in events.jsonl, from finished.json: its start, restarts and end. */
export function toFallbackEvents(runStartMs: number | null, p: FinishedProcessFile): ReportEvent[] {
  const out: ReportEvent[] = [];
  const startedMs = toMs(p.started_at);
  if (runStartMs !== null && startedMs !== null && startedMs > runStartMs + 50)
    out.push({ atMs: runStartMs, type: 'process.waiting' });
  if (startedMs !== null) out.push({ atMs: startedMs, type: 'process.running' });
  for (const r of p.restarts ?? []) {
    const at = toMs(r.at);
    if (at === null) continue;
    const restart: ReportEvent = {
      atMs: at,
      type: 'process.restarting',
      exitCode: r.exit_code ?? null,
      signal: r.signal ?? null,
      reason: r.reason ?? null,
    };
    if (typeof r.delay_ms === 'number') restart.delayMs = r.delay_ms;
    out.push(restart, { atMs: at + (r.delay_ms ?? 0), type: 'process.running' });
  }
  const endMs = toMs(p.finished_at);
  if (endMs !== null && startedMs !== null) {
    if (p.reason === 'oom' && typeof p.peak_rss_mb === 'number') {
      out.push({
        atMs: endMs,
        type: 'memory.exceeded',
        rssBytes: p.peak_rss_mb * MB,
        ...(p.detail ? { detail: p.detail } : {}),
      });
    }
    if (p.reason === 'unhealthy' || p.reason === 'gate_timeout')
      out.push({ atMs: endMs, type: 'health.failed', detail: p.detail ?? p.reason });
    out.push({
      atMs: endMs,
      type: p.signal ? 'process.killed' : 'process.exited',
      exitCode: p.exit_code ?? null,
      signal: p.signal ?? null,
      reason: p.reason ?? null,
    });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

function toRow(
  name: string,
  files: RecordFiles,
  own: string,
  dir: string,
  opts: ReadOptions,
  runStartMs: number | null,
): ReportProcess {
  const spec = files.started?.metadata?.processes?.find((p) => p.name === own);
  const fin = files.finished?.metadata?.processes?.[own] ?? null;
  const memory = files.memory[own] ?? null;
  const limitMb = spec?.memory_limit_mb ?? null;
  const events = files.events.get(own) ?? (fin === null ? [] : toFallbackEvents(runStartMs, fin));
  const last = [...events]
    .reverse()
    .find((e) => e.type.startsWith('process.') && e.type !== 'process.kill_forced');
  return {
    name,
    type: spec?.type === 'process' ? 'process' : 'sidecar',
    command: spec?.command ?? null,
    limitBytes: memory?.limitBytes ?? (typeof limitMb === 'number' ? limitMb * MB : null),
    startedAtMs: toMs(fin?.started_at) ?? events.find((e) => e.type === 'process.running')?.atMs ?? null,
    finishedAtMs: toMs(fin?.finished_at),
    end:
      fin === null
        ? null
        : {
            reason: fin.reason ?? 'exited',
            exitCode: fin.exit_code ?? null,
            signal: fin.signal ?? null,
            detail: fin.detail ?? null,
          },
    peakRssBytes: typeof fin?.peak_rss_mb === 'number' ? fin.peak_rss_mb * MB : null,
    restarts: fin?.restarts?.length ?? events.filter((e) => e.type === 'process.restarting').length,
    state: last === undefined ? null : last.type.slice('process.'.length),
    events,
    memory: memory?.series ?? null,
    log:
      opts.readLogs === false ? null : readLogForPage(dir, toFileBase(own), opts.logTailBytes, opts.censor),
    logPath: `${toFileBase(own)}.log`,
  };
}

/** Every row of a records dir, each nested exec's after it; nested dirs are read as they are found. */
function toRows(
  dir: string,
  files: RecordFiles,
  opts: ReadOptions,
  runStartMs: number | null,
  notes: string[],
): ReportProcess[] {
  const names: string[] = [];
  for (const p of files.started?.metadata?.processes ?? [])
    if (typeof p.name === 'string') names.push(p.name);
  for (const name of Object.keys(files.finished?.metadata?.processes ?? {})) {
    if (!name.includes('/') && !names.includes(name)) names.push(name);
  }
  if (files.droppedEvents > 0)
    notes.push(
      `${dir === '' ? '' : ''}${files.droppedEvents} events of a long run were not kept (the first and the latest are).`,
    );
  const rows: ReportProcess[] = [];
  for (const name of names) {
    rows.push(toRow(name, files, name, dir, opts, runStartMs));
    const nestedDir = path.join(dir, toFileBase(name));
    const nested = readRecordFiles(nestedDir);
    if (nested === null) continue;
    const nestedStart = toRunStart(nested) ?? runStartMs;
    for (const child of toRows(nestedDir, nested, opts, nestedStart, notes)) {
      rows.push({ ...child, name: `${name}/${child.name}`, logPath: `${toFileBase(name)}/${child.logPath}` });
    }
  }
  return rows;
}

export function toCauseText(
  cause: { process?: string; entry?: string; signal?: string } | null | undefined,
): string | null {
  if (cause === null || cause === undefined) return null;
  if (typeof cause.signal === 'string') return cause.signal;
  if (typeof cause.process !== 'string') return null;
  return cause.entry === undefined ? cause.process : `${cause.process} (${cause.entry})`;
}

/**
 * started.json's timestamp is whole seconds: the first process's start, when within that second,
 * says better when the run began.
 */
function toRunStart(files: RecordFiles): number | null {
  const stamp = toMs(files.started?.timestamp);
  const starts = Object.values(files.finished?.metadata?.processes ?? {}).map((p) => toMs(p.started_at));
  const first = Math.min(...starts.filter((s): s is number => s !== null));
  if (stamp === null) return Number.isFinite(first) ? first : null;
  return first >= stamp && first < stamp + 1000 ? first : stamp;
}

/** The model of the records in `dir`; a dir without started.json or finished.json is an error. */
export function readReportModel(dir: string, opts: ReadOptions): ReportModel {
  const files = readRecordFiles(dir);
  if (files === null) {
    throw new SidecarError(
      'usage',
      `${dir} holds no run records: no started.json or finished.json there`,
      'Give the --artifacts DIR of a `sidecars exec` or `sidecars run` (or a run downloaded from the store).',
    );
  }
  const meta = files.started?.metadata;
  const fin = files.finished;
  const startedAtMs = toRunStart(files);
  const notes: string[] = [];
  const processes = toRows(dir, files, opts, startedAtMs, notes);
  const cause = fin?.metadata?.cause;
  let finishedAtMs = toMs(fin?.timestamp);
  if (finishedAtMs !== null)
    for (const p of processes) finishedAtMs = Math.max(finishedAtMs, p.finishedAtMs ?? 0);
  const identity = meta?.run;
  const model: ReportModel = {
    run: {
      app: identity?.app ?? (meta?.droplet === undefined ? null : path.basename(meta.droplet)),
      instance:
        identity?.process_type === undefined
          ? null
          : `${identity.process_type}-${identity.instance_index ?? 0}`,
      runId: identity?.id ?? null,
      result: fin?.result ?? null,
      causeProcess:
        typeof cause?.process === 'string'
          ? cause.entry === undefined
            ? cause.process
            : `${cause.entry}/${cause.process}`
          : null,
      causeText: toCauseText(cause),
      summary: fin?.metadata?.summary ?? null,
      exitCode: fin?.metadata?.exit_code ?? null,
      startedAtMs,
      finishedAtMs,
      version: meta?.version ?? null,
      mode: meta?.mode ?? null,
      node: null,
    },
    processes,
    events: files.events.get('') ?? [],
    nowMs: opts.nowMs,
    notes,
    logTailBytes: opts.logTailBytes,
  };
  // records hold no secret (they were masked as written); the page masks again, whatever wrote them
  return opts.censor.value(model);
}
