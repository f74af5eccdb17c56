import type { TransitionEvent } from '../model/events.js';
import type { ProcessSpec } from '../model/process-spec.js';
import type { ProcessDeps, TreeControl } from './process-deps.js';
import { toRunEndFacts, toRunEndStep } from './run-end.js';
import { noteSample, sampleRun } from './sample-run.js';
import type { ChildExit, ChildHandle } from './spawn.js';
import type { EndReason, ProcessResult, RestartRecord } from '../model/process-result.js';
import { assertTransition, isLive, isTerminal, type ProcessState } from '../model/state.js';
import type { TreeSample } from '../model/tree-sample.js';
import type { RestartRule } from '../model/restart-decision.js';

/** One supervised command: owns its state and result, emits events, contains no policy. */
export class ManagedProcess {
  state: ProcessState = 'pending';
  pid: number | null = null;
  peakRssBytes: number | null = null;
  /** the last memory sample of its tree (null: none yet, or it has ended) */
  rssBytes: number | null = null;
  readonly ended: Promise<ProcessResult>;
  private resolveEnded!: (result: ProcessResult) => void;
  private startedAt: number | null = null;
  /** the final stop: once set, no run of it starts again */
  private stopping: { reason: EndReason; detail: string | null } | null = null;
  private forced = false;
  /** what `ended` resolved with: a stop of its leftovers that needed SIGKILL still marks it forced */
  private result: ProcessResult | null = null;
  private tree: TreeControl | null = null;
  private handle: ChildHandle | null = null;
  /** its whole tree is known to be gone: stopping again has nothing to do */
  private treeGone = false;
  /** every output of every run, for the drain at the end */
  private readonly handles: ChildHandle[] = [];
  /** how many times it was spawned: a health watch belongs to one run */
  runs = 0;
  /** every run that ended and was restarted, oldest first */
  readonly restarts: RestartRecord[] = [];
  /** epoch ms of its next start while `restarting`, else null */
  nextStartAt: number | null = null;
  /** when this run became healthy (spawned, for a process without a check of its own) */
  private healthySince: number | null = null;
  /** this run is being stopped to end only this run (a failure, an operator's restart) */
  private cycling: { reason: EndReason; detail: string | null; byOperator: boolean } | null = null;
  private restartRule: RestartRule | null = null;

  constructor(
    readonly spec: ProcessSpec,
    private readonly deps: ProcessDeps,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get name(): string {
    return this.spec.name;
  }

  get outputDone(): Promise<void> {
    return Promise.all(this.handles.map((handle) => handle.outputDone)).then(() => undefined);
  }

  /** Gives up on output still to come (see ChildHandle.closeOutput). */
  closeOutput(): void {
    for (const handle of this.handles) handle.closeOutput();
  }

  /** Lets the restart policy decide what the end of each run means (without: every end is final). */
  setRestartRule(rule: RestartRule): void {
    this.restartRule = rule;
  }

  /** The only writer of `state`: checks legality, stamps the time, emits one event. */
  private transition(to: ProcessState, cause: string, extra: Partial<TransitionEvent> = {}): void {
    assertTransition(this.name, this.state, to);
    this.state = to;
    this.deps.bus.emit({
      ...extra,
      type: `process.${to}`,
      name: this.name,
      cause,
      at: this.deps.clock.now(),
    });
  }

  markWaiting(cause: string): void {
    this.transition('waiting', cause);
  }

  markHealthy(cause: string): void {
    if (this.state !== 'running') return;
    this.healthySince = this.deps.clock.now();
    this.transition('healthy', cause);
  }

  /** Spawns it: the first run (`cause`: its gate opened) or the next one, from `restarting`. */
  start(cause = 'gate open'): void {
    this.transition('starting', this.state === 'restarting' ? `restart: ${cause}` : cause);
    this.nextStartAt = null;
    this.cycling = null;
    this.forced = false;
    this.treeGone = false;
    this.tree = null;
    this.pid = null;
    this.healthySince = null;
    this.runs += 1;
    const { command, cwd, output } = this.spec;
    const env = this.deps.tagEnv?.(this.name, this.spec.env) ?? this.spec.env;
    const handle = this.deps.spawner(command, { cwd, env, output });
    this.handle = handle;
    this.handles.push(handle);
    const { pid } = handle;
    void handle.exited.then((exit) => this.onExit(exit, handle));
    if (pid === undefined) return; // the 'error' exit follows
    this.pid = pid;
    this.tree = this.deps.openTree(pid, handle.exited, this.name);
    this.startedAt = this.deps.clock.now();
    if (this.spec.health === null) this.healthySince = this.startedAt; // healthy once running
    this.transition('running', 'spawned', { pid });
  }

  private onExit(exit: ChildExit, handle: ChildHandle): void {
    if (handle !== this.handle) return; // a run that already ended (never: each run ends once)
    const facts = toRunEndFacts(exit, this.stopping ?? this.cycling);
    const { exitCode, signal, reason, detail, to } = facts;
    if (this.stopping === null && !facts.failed && this.restartRule !== null) {
      const endedAt = this.deps.clock.now();
      const byOperator = this.cycling?.byOperator ?? false;
      const healthySince = this.healthySince;
      const decision = this.restartRule({ reason, exitCode, healthySince, endedAt, byOperator });
      const restarts = this.restarts.length;
      const step = toRunEndStep(decision, facts, { name: this.name, endedAt, byOperator, restarts });
      if (step.kind === 'restart') {
        this.restarts.push(step.record);
        this.nextStartAt = endedAt + step.delayMs;
        this.rssBytes = null;
        this.transition('restarting', detail ?? reason, step.transition);
        return;
      }
      if (step.kind === 'exhausted') {
        this.deps.bus.emit(step.event);
        this.finish(to, 'restart_budget_exhausted', exitCode, signal, step.detail, reason);
        return;
      }
    }
    this.finish(to, reason, exitCode, signal, detail);
  }

  private finish(
    to: 'exited' | 'killed',
    reason: EndReason,
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    detail: string | null,
    lastRunReason?: EndReason,
  ): void {
    const endedAt = this.deps.clock.now();
    this.rssBytes = null;
    this.transition(to, detail ?? reason, { exitCode, signal, reason });
    const { name, startedAt, peakRssBytes, forced } = this;
    const nested = this.spec.nested?.readEnd() ?? null; // written before it exited
    this.result = { name, exitCode, signal, reason, forced, peakRssBytes, startedAt, endedAt, detail };
    if (nested !== null) this.result.nested = nested;
    if (this.restarts.length > 0) this.result.restarts = [...this.restarts];
    if (lastRunReason !== undefined) this.result.lastRunReason = lastRunReason;
    this.resolveEnded(this.result);
  }

  /**
   * Stops the process with `reason`: never started → killed at once; live → its tree gets SIGTERM,
   * then SIGKILL after graceMs. On an already ended process it stops what its tree left behind.
   */
  async stop(reason: EndReason, graceMs: number, detail: string | null = null): Promise<void> {
    if (!isTerminal(this.state)) this.stopping ??= { reason, detail };
    if (this.state === 'pending' || this.state === 'waiting') {
      this.finish('killed', this.stopping?.reason ?? reason, null, null, this.stopping?.detail ?? detail);
      return;
    }
    if (this.state === 'restarting') {
      // no child while it waits out its back-off: it ends at once, its last run's leftovers stopped
      this.nextStartAt = null;
      this.finish('killed', this.stopping?.reason ?? reason, null, null, this.stopping?.detail ?? detail);
    }
    if (this.treeGone) return this.ended.then(() => undefined);
    // a nested supervisor stops its own sidecars, as gracefully as it was told: SIGTERM to it
    // alone, and SIGKILL to the whole tree only if it is not gone by the end of the grace period
    await this.tree?.stop(
      graceMs,
      // the root may have gone on SIGTERM while a descendant of it needed the SIGKILL
      () => this.markForced(true),
      this.spec.nested !== undefined,
    );
    this.treeGone = true;
    await this.ended;
  }

  /**
   * Ends this run because of a failure (`oom`, `unhealthy`): its tree gets SIGTERM, then SIGKILL
   * after graceMs. Whether it starts again is the restart rule's to decide when it has exited;
   * without one (or for a policy of never) this is stop().
   */
  async fail(reason: EndReason, graceMs: number, detail: string | null = null): Promise<void> {
    if (this.restartRule === null) return this.stop(reason, graceMs, detail);
    if (!isLive(this.state) || this.stopping !== null || this.cycling !== null) return;
    this.cycling = { reason, detail, byOperator: false };
    await this.stopTree(graceMs);
  }

  /**
   * `sidecars restart NAME`: a graceful stop of this run (SIGTERM, SIGKILL after graceMs), then a
   * new run at once; not a failure, whatever its policy. False when there is no run to end.
   */
  async restartNow(graceMs: number): Promise<boolean> {
    if (!isLive(this.state) || this.stopping !== null || this.cycling !== null) return false;
    this.cycling = { reason: 'stopped', detail: 'restarted by an operator', byOperator: true };
    await this.stopTree(graceMs);
    return true;
  }

  /** Stops what is left of this run's tree (a run that ended may leave descendants behind). */
  async stopTree(graceMs: number): Promise<void> {
    if (this.treeGone) return;
    await this.tree?.stop(graceMs, () => this.markForced(false));
  }

  /** The grace period ran out on its tree: SIGKILL follows; `ended` too: its result says so. */
  private markForced(ended: boolean): void {
    this.forced = true;
    if (ended && this.result !== null) this.result.forced = true;
    const { name, pid } = this;
    if (pid !== null)
      this.deps.bus.emit({ type: 'process.kill_forced', name, pid, at: this.deps.clock.now() });
  }

  killNow(): void {
    this.tree?.killNow();
  }

  /**
   * Memory poll: the tree's sample (null if it is gone or not running, or if this run ended while
   * it was read), synchronous where the tree is read so (TreeControl.sample). Throws or rejects when
   * the tree cannot be read: a failed sample is never a 0.
   */
  observe(): TreeSample | null | Promise<TreeSample | null> {
    const tree = this.tree;
    if (tree === null || !isLive(this.state)) return null;
    const sample = sampleRun(tree, () => tree === this.tree && isLive(this.state));
    return sample instanceof Promise
      ? sample.then((read) => noteSample(this, read))
      : noteSample(this, sample);
  }
}
