// Where a child's output goes (core/line-output.ts writes it; exec-plan and run-plan choose it).
import type { Readable } from 'node:stream';

/**
 * One output stream shared by many children and the supervisor's own log. Bytes go through
 * unaltered: children write whole lines (prefixed) or, alone on a stream, raw runs of bytes. The
 * sink remembers whether the stream is mid-line, so the supervisor's own lines always start on a
 * line of their own. When the stream is full every child writing to it is paused until it drains:
 * a slow reader slows the children (their pipes fill), it never grows a buffer here.
 */
export interface SharedSink {
  /** Writes bytes a child produced (a latin1 string: one char per byte); pauses `source` while the stream is full. */
  write(bytes: Uint8Array | string, source: Readable): void;
  /** Writes one of the supervisor's own lines (ending in "\n"), on a line of its own. */
  writeLine(text: string): void;
  /** Ends the line a child left open (its output ended mid-line), if the stream is mid-line. */
  endLine(): void;
}

/** Where one of a child's streams goes: a shared stream, line by line with a prefix, or as is with ''. */
export interface OutputTarget {
  sink: SharedSink;
  prefix: string;
}

/**
 * Where a child's output goes. Always through pipes, never our own fds: only then can the sink
 * know that a child left a line unterminated before the supervisor writes a line of its own.
 */
export interface OutputRoute {
  stdout: OutputTarget;
  stderr: OutputTarget;
  /** also gets every byte of both streams, unaltered, as it is read (the run record's <name>.log) */
  record?: (bytes: Buffer) => void;
  /**
   * gets the environment the command reports on ENV_REPORT_FD (`run`'s launcher, after profile.d);
   * `record` then gets the bytes only once it has been called
   */
  reportEnv?: (env: Record<string, string>) => void;
}
