// What the page shows, read from a records dir (read-report-model.ts) or, live, from the state API
// (the page's own script builds the same shape). Times are epoch ms, sizes bytes.

/** One lifecycle fact of a process, from events.jsonl (or finished.json alone for older records). */
export interface ReportEvent {
  atMs: number;
  /** the supervisor event type: process.healthy, process.restarting, memory.exceeded, health.failed, … */
  type: string;
  exitCode?: number | null;
  signal?: string | null;
  reason?: string | null;
  attempt?: number;
  delayMs?: number;
  rssBytes?: number;
  pssBytes?: number | null;
  limitBytes?: number;
  detail?: string;
}

/** memory.json's series of one process: [bucket start, max RSS, max PSS or null] */
export interface ReportMemory {
  bucketMs: number;
  points: Array<[number, number, number | null]>;
}

/** A process's log tail as the page embeds it (already decoded, control characters made visible). */
export interface ReportLog {
  text: string;
  /** bytes of the log before the part shown */
  omittedBytes: number;
}

export interface ReportProcess {
  /** `<entry>/<name>` for a nested exec's sidecar */
  name: string;
  type: 'process' | 'sidecar';
  command: string | null;
  limitBytes: number | null;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  /** how it ended (finished.json), null while it runs */
  end: { reason: string; exitCode: number | null; signal: string | null; detail: string | null } | null;
  peakRssBytes: number | null;
  restarts: number;
  /** its state now (live) or its last one */
  state: string | null;
  events: ReportEvent[];
  memory: ReportMemory | null;
  log: ReportLog | null;
  /** its whole log, relative to the records dir (`<name>.log`, `<entry>/<name>.log` when nested) */
  logPath?: string;
}

export interface ReportRun {
  app: string | null;
  instance: string | null;
  runId: string | null;
  result: string | null;
  /** the process row that ended the run (`<entry>/<name>` when nested), or null */
  causeProcess: string | null;
  causeText: string | null;
  summary: string | null;
  exitCode: number | null;
  startedAtMs: number | null;
  finishedAtMs: number | null;
  version: string | null;
  mode: string | null;
  node: string | null;
}

export interface ReportModel {
  run: ReportRun;
  processes: ReportProcess[];
  /** run-wide events (supervisor.stop_requested, records.upload_failed, …) */
  events: ReportEvent[];
  /** when the model was read: the right edge of a run that has not finished */
  nowMs: number;
  /** what was left out to stay within the page's bound (dropped events, …), for a note */
  notes: string[];
  /** the most each process's log takes in the page (records.log_tail): its escaped text included */
  logTailBytes: number;
}
