// Where a child's output goes (core/line-output.ts writes it; exec-plan and run-plan choose it).

/** One child's stream as the sink takes it: what it read, turned into output one piece at a time. */
export interface OutputFeeder {
  /**
   * Its next piece of output: bytes it wrote into `out` (a view of it), or bytes of its own; null
   * when it has nothing more for now (once `ended`: nothing more at all). A piece holds whole
   * lines only, so that the lines of children sharing a stream never interleave.
   */
  next(out: Buffer, ended: boolean): Uint8Array | null;
}

/** A feeder attached to a sink. */
export interface FeederSlot {
  /** it may have more: new data to read */
  wake: () => void;
  /** its source holds nothing: may it be asked for a chunk now (core/read-turns.ts)? false: it is woken when it may */
  mayAsk: () => boolean;
  /** its source gave a chunk: the turn it held goes to the next that waits */
  got: () => void;
  /** its source has ended: resolves once its last piece has been handed to the stream */
  end: () => Promise<void>;
}

/**
 * One output stream shared by many children and the supervisor's own log. Bytes go through
 * unaltered. The sink remembers whether the stream is mid-line, so the supervisor's own lines
 * always start on a line of their own.
 */
export interface SharedSink {
  /** Takes `feeder`'s output in turn with the other feeders' (round robin, a piece each). */
  attach(feeder: OutputFeeder): FeederSlot;
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
  /**
   * also gets every byte of both streams, unaltered, as it is taken from the child (the run
   * record's <name>.log): called synchronously, with a chunk whose memory is freed once it has
   * been written out (pipeLines' release), so it must copy what it keeps
   */
  record?: (bytes: Buffer) => void;
  /**
   * gets the environment the command reports on ENV_REPORT_FD (`run`'s launcher, after profile.d);
   * `record` then gets the bytes only once it has been called
   */
  reportEnv?: (env: Record<string, string>) => void;
  /**
   * called once when the command says it is ready on NESTED_READY_FD (a nested `sidecars exec` of
   * `run`, core/nested-ready.ts), closes that fd, or ends
   */
  onReady?: () => void;
}
