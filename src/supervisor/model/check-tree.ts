// One run of an exec health check, as the supervisor's sweep tracks it (proc/escape-sweep.ts makes it).
/** One run of a command that is not a sidecar (a health check), as the sweep knows it. */
export interface CheckTree {
  /** the environment to spawn it with: the one it was opened with, plus its own token */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The check has ended: every process that carries its token is SIGKILLed, those a sweep found
   * while it ran at once, any a later sweep finds then. With `rootPid` (its own pid), they are
   * looked for now too, looking again while a look finds more (a child forked just before its
   * parent's kill): what it started has a pid after its own, and those pids are read one by one
   * when they are few, else /proc is swept. Synchronous (it also serves 'exit'); call it after
   * the check's process group got its SIGKILL.
   */
  end(rootPid: number | null): void;
}
