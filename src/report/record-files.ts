// The records of one records dir as the page reads them: started.json, finished.json, events.jsonl
// and memory.json, each optional and read leniently (records of older versions still render).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ReportEvent, ReportMemory } from './report-model.js';
import { toReportEvent } from './report-event.js';

export interface StartedFile {
  timestamp?: number;
  metadata?: {
    version?: string;
    mode?: string;
    droplet?: string;
    config?: string;
    run?: { id?: string; app?: string; process_type?: string; instance_index?: number };
    processes?: Array<{ name?: string; type?: string; command?: string; memory_limit_mb?: number | null }>;
  };
}

export interface FinishedProcessFile {
  exit_code?: number | null;
  signal?: string | null;
  reason?: string;
  peak_rss_mb?: number | null;
  started_at?: number | null;
  finished_at?: number;
  detail?: string | null;
  restarts?: Array<{
    exit_code?: number | null;
    signal?: string | null;
    reason?: string;
    at?: number;
    delay_ms?: number;
  }>;
}

export interface FinishedFile {
  timestamp?: number;
  result?: string;
  metadata?: {
    exit_code?: number;
    cause?: { process?: string; entry?: string; signal?: string } | null;
    summary?: string;
    processes?: Record<string, FinishedProcessFile>;
  };
}

export interface RecordFiles {
  started: StartedFile | null;
  finished: FinishedFile | null;
  /** events.jsonl by process name ('' for the run's own), and how many it says it dropped */
  events: Map<string, ReportEvent[]>;
  droppedEvents: number;
  memory: Record<string, { limitBytes: number | null; series: ReportMemory }>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function readEvents(file: string): { events: Map<string, ReportEvent[]>; dropped: number } {
  const events = new Map<string, ReportEvent[]>();
  let dropped = 0;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { events, dropped };
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue; // a line cut by a crash
    }
    if (isObject(raw) && raw['event'] === 'records.events_dropped' && typeof raw['count'] === 'number') {
      dropped += raw['count'];
      continue;
    }
    const read = toReportEvent(raw);
    if (read === null) continue;
    const key = read.name ?? '';
    const list = events.get(key) ?? [];
    list.push(read.event);
    events.set(key, list);
  }
  for (const list of events.values()) list.sort((a, b) => a.atMs - b.atMs);
  return { events, dropped };
}

function readMemory(file: string): RecordFiles['memory'] {
  const raw = readJson(file);
  const out: RecordFiles['memory'] = {};
  if (!isObject(raw) || !isObject(raw['processes'])) return out;
  for (const [name, entry] of Object.entries(raw['processes'])) {
    if (!isObject(entry) || !Array.isArray(entry['points'])) continue;
    const points = entry['points'].filter(
      (p): p is [number, number, number | null] =>
        Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number',
    );
    out[name] = {
      limitBytes: typeof entry['limit_bytes'] === 'number' ? entry['limit_bytes'] : null,
      series: {
        bucketMs: typeof entry['bucket_ms'] === 'number' ? entry['bucket_ms'] : 1000,
        points: points.map((p) => [p[0], p[1], typeof p[2] === 'number' ? p[2] : null]),
      },
    };
  }
  return out;
}

/** What `dir` holds of the records; null when it is not a records dir (neither started.json nor finished.json). */
export function readRecordFiles(dir: string): RecordFiles | null {
  const startedPath = path.join(dir, 'started.json');
  const finishedPath = path.join(dir, 'finished.json');
  if (!existsSync(startedPath) && !existsSync(finishedPath)) return null;
  const started = readJson(startedPath);
  const finished = readJson(finishedPath);
  const { events, dropped } = readEvents(path.join(dir, 'events.jsonl'));
  return {
    started: isObject(started) ? started : null,
    finished: isObject(finished) ? finished : null,
    events,
    droppedEvents: dropped,
    memory: readMemory(path.join(dir, 'memory.json')),
  };
}

/** A process name as its record files are named (records.ts toRecordFileBase: the same rule). */
export function toFileBase(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
