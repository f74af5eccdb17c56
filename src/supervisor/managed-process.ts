import type { AppEndWatch } from './proc/app-end.js';
import type { Clock } from '../common/clock.js';
import type { EventBus, TransitionEvent } from './events.js';
import type { HealthTarget } from './health/probe.js';
import type { ChildExit, ChildHandle, SpawnOpts } from './spawn.js';
import type { EndReason, ProcessResult, RestartRecord } from './process-result.js';
import { assertTransition, isLive, isTerminal, type ProcessState } from './state.js';
import type { CheckTree } from './proc/escape-sweep.js';
import type { TreeSample } from './proc/memory.js';
import type { NestedSource } from './nested-end.js';
import type { RestartDecision, RestartPolicy, RunEnd } from './policies/restart-budget.js';

export type Spawner = (command: string, opts: SpawnOpts) => ChildHandle;

/** The running tree of one command, as the process sees it (real: kill-tree.ts; fake in tests). */
export interface TreeControl {
  /** SIGTERM the tree, SIGKILL after graceMs (0: SIGKILL at once), calling onForce first */
  stop(graceMs: number, onForce: () => void, termRootOnly?: boolean): Promise<void>;
  /** synchronous SIGKILL of everything known: the last resort on exit */
  killNow(): void;
  /** reads the tree now; null when the root is gone; rejects when it cannot be read */
  sample(): Promise<TreeSample | null>;
  /** counts `pid` as a member from now on: a descendant that detached before a read saw it */
  adopt(pid: number): void;
}

/** What to start only after something else is healthy (DESIGN §3 `waiting`). */
export type GateSpec =
  { kind: 'probe'; processType: string; target: HealthTarget } | { kind: 'process'; name: string };

export interface ProcessSpec {
  name: string;
  command: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  output: SpawnOpts['output'];
  memoryLimitBytes: number | null;
  gate: GateSpec | null;
  /** processes (sidecars of the same supervisor) to be healthy before it starts, after its gate */
  dependsOn?: readonly string[];
  /** stop: after_app — on a stop, it keeps running until the app listening on `port` has ended */
  stopAfterApp?: { port: number };
  /** its own readiness and liveness check (the main process in `run`) */
  health: HealthTarget | null;
  /** how run records show it: its role and its command as written in the config (default: command) */
  record?: { type: 'process' | 'sidecar'; command: string };
  /** a nested `sidecars exec` (`run`: an entry of this buildpack): its records and its state */
  nested?: NestedSource;
  /** a sidecar's `restart` policy and `max_restarts` (absent: never, the platform's fail-fast) */
  restart?: { policy: RestartPolicy; maxRestarts: number };
}

/** Decides, when a run ends, whether it starts again (set by the restart policy). */
export type RestartRule = (end: RunEnd) => RestartDecision;

export interface ProcessDeps {
  spawner: Spawner;
  clock: Clock;
  bus: EventBus;
  /** `exited` settles when the spawned root has been reaped */
  openTree(pid: number, exited: Promise<unknown>, name: string): TreeControl;
  /** the environment to spawn `name` with: what lets its descendants be found however they detach */
  tagEnv?(name: string, env: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /** adds to their trees the descendants that detached since the last call (none where not wired) */
  findEscaped?(): void;
  /** a token for one run of an exec health check, which finds and kills its whole tree when it ends */
  openCheck?: (env: Readonly<Record<string, string>>) => CheckTree;
  /** sees the app's end by its port, for `stop: after_app` (absent: not waited for) */
  watchAppEnd?: (port: number) => AppEndWatch;
}

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
    const failed = exit.kind === 'error';
    const exitCode = failed ? null : exit.exitCode;
    const signal = failed ? null : exit.signal;
    const ending = this.stopping ?? this.cycling;
    const reason: EndReason = failed
      ? 'spawn_failed'
      : (ending?.reason ?? (signal !== null ? 'signal' : 'exited'));
    const detail = failed ? exit.message : (ending?.detail ?? null);
    const to = ending !== null && !failed ? 'killed' : 'exited';
    if (this.stopping === null && !failed && this.restartRule !== null) {
      const endedAt = this.deps.clock.now();
      const byOperator = this.cycling?.byOperator ?? false;
      const decision = this.restartRule({
        reason,
        exitCode,
        healthySince: this.healthySince,
        endedAt,
        byOperator,
      });
      if (decision.kind === 'restart') {
        this.restarts.push({
          exit_code: exitCode,
          signal,
          reason: byOperator ? 'operator' : reason,
          at: endedAt,
          delay_ms: decision.delayMs,
        });
        this.nextStartAt = endedAt + decision.delayMs;
        this.rssBytes = null;
        this.transition('restarting', detail ?? reason, {
          exitCode,
          signal,
          reason: byOperator ? 'operator' : reason,
          attempt: decision.attempt,
          delayMs: decision.delayMs,
        });
        return;
      }
      if (decision.kind === 'exhausted') {
        const restarts = this.restarts.length;
        this.deps.bus.emit({
          type: 'restart.budget_exhausted',
          name: this.name,
          restarts,
          exitCode,
          signal,
          reason,
          at: endedAt,
        });
        const how = toRunEndText(reason, exitCode, signal, detail);
        const gaveUp = `restarted ${restarts} time(s), max_restarts ${decision.budget.max} spent; its last run ${how}`;
        this.finish(to, 'restart_budget_exhausted', exitCode, signal, gaveUp, reason);
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
    if (this.pid !== null) {
      this.deps.bus.emit({
        type: 'process.kill_forced',
        name: this.name,
        pid: this.pid,
        at: this.deps.clock.now(),
      });
    }
  }

  killNow(): void {
    this.tree?.killNow();
  }

  /**
   * Memory poll: reads the tree and returns its RSS (null if it is gone or not running, or if this
   * run ended while it was read). Rejects when the tree cannot be read: a failed sample is never a 0.
   */
  async observe(): Promise<TreeSample | null> {
    const tree = this.tree;
    if (tree === null || !isLive(this.state)) return null;
    let sample: TreeSample | null;
    try {
      sample = await tree.sample();
    } catch (error) {
      if (tree !== this.tree || !isLive(this.state)) return null; // nothing left to measure
      throw error;
    }
    if (tree !== this.tree || !isLive(this.state)) return null;
    if (sample !== null) this.peakRssBytes = Math.max(this.peakRssBytes ?? 0, sample.rssBytes);
    this.rssBytes = sample?.rssBytes ?? null;
    return sample;
  }
}

/** "exited with code 3", "was killed by SIGKILL", "was stopped: <detail>" (a run, no name). */
function toRunEndText(
  reason: EndReason,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  detail: string | null,
): string {
  if (detail !== null) return `ended (${reason}): ${detail}`;
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${exitCode ?? '?'}`;
}
