import type { Clock } from '../common/clock.js';
import type { EventBus, TransitionEvent } from './events.js';
import type { HealthTarget } from './health/probe.js';
import type { ChildExit, ChildHandle, SpawnOpts } from './spawn.js';
import type { EndReason, ProcessResult } from './process-result.js';
import { assertTransition, isLive, isTerminal, type ProcessState } from './state.js';
import type { TreeSample } from './memory.js';
import type { NestedSource } from './nested-end.js';

export type Spawner = (command: string, opts: SpawnOpts) => ChildHandle;

/** The running tree of one command, as the process sees it (real: kill-tree.ts; fake in tests). */
export interface TreeControl {
  /** SIGTERM the tree, SIGKILL after graceMs (0: SIGKILL at once), calling onForce first */
  stop(graceMs: number, onForce: () => void, termRootOnly?: boolean): Promise<void>;
  /** synchronous SIGKILL of everything known: the last resort on exit */
  killNow(): void;
  /** reads the tree now; null when the root is gone; throws when it cannot be read */
  sample(): TreeSample | null;
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
  /** its own readiness and liveness check (the main process in `run`) */
  health: HealthTarget | null;
  /** how run records show it: its role and its command as written in the config (default: command) */
  record?: { type: 'process' | 'sidecar'; command: string };
  /** a nested `sidecars exec` (`run`: an entry of this buildpack): its records and its state */
  nested?: NestedSource;
}

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
  private stopping: { reason: EndReason; detail: string | null } | null = null;
  private forced = false;
  /** what `ended` resolved with: a stop of its leftovers that needed SIGKILL still marks it forced */
  private result: ProcessResult | null = null;
  private tree: TreeControl | null = null;
  private handle: ChildHandle | null = null;
  /** its whole tree is known to be gone: stopping again has nothing to do */
  private treeGone = false;

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
    return this.handle?.outputDone ?? Promise.resolve();
  }

  /** Gives up on output still to come (see ChildHandle.closeOutput). */
  closeOutput(): void {
    this.handle?.closeOutput();
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
    if (this.state === 'running') this.transition('healthy', cause);
  }

  start(): void {
    this.transition('starting', 'gate open');
    const { command, cwd, output } = this.spec;
    const env = this.deps.tagEnv?.(this.name, this.spec.env) ?? this.spec.env;
    this.handle = this.deps.spawner(command, { cwd, env, output });
    const { pid } = this.handle;
    void this.handle.exited.then((exit) => this.onExit(exit));
    if (pid === undefined) return; // the 'error' exit follows
    this.pid = pid;
    this.tree = this.deps.openTree(pid, this.handle.exited, this.name);
    this.startedAt = this.deps.clock.now();
    this.transition('running', 'spawned', { pid });
  }

  private onExit(exit: ChildExit): void {
    const failed = exit.kind === 'error';
    const exitCode = failed ? null : exit.exitCode;
    const signal = failed ? null : exit.signal;
    const reason: EndReason = failed
      ? 'spawn_failed'
      : (this.stopping?.reason ?? (signal !== null ? 'signal' : 'exited'));
    const detail = failed ? exit.message : (this.stopping?.detail ?? null);
    this.finish(this.stopping !== null && !failed ? 'killed' : 'exited', reason, exitCode, signal, detail);
  }

  private finish(
    to: 'exited' | 'killed',
    reason: EndReason,
    exitCode: number | null,
    signal: NodeJS.Signals | null,
    detail: string | null,
  ): void {
    const endedAt = this.deps.clock.now();
    this.rssBytes = null;
    this.transition(to, detail ?? reason, { exitCode, signal, reason });
    const { name, startedAt, peakRssBytes, forced } = this;
    const nested = this.spec.nested?.readEnd() ?? null; // written before it exited
    this.result = { name, exitCode, signal, reason, forced, peakRssBytes, startedAt, endedAt, detail };
    if (nested !== null) this.result.nested = nested;
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
    if (this.treeGone) return this.ended.then(() => undefined);
    // a nested supervisor stops its own sidecars, as gracefully as it was told: SIGTERM to it
    // alone, and SIGKILL to the whole tree only if it is not gone by the end of the grace period
    await this.tree?.stop(
      graceMs,
      () => {
        // the root may have gone on SIGTERM while a descendant of it needed the SIGKILL
        this.forced = true;
        if (this.result !== null) this.result.forced = true;
        if (this.pid !== null) {
          this.deps.bus.emit({
            type: 'process.kill_forced',
            name: this.name,
            pid: this.pid,
            at: this.deps.clock.now(),
          });
        }
      },
      this.spec.nested !== undefined,
    );
    this.treeGone = true;
    await this.ended;
  }

  killNow(): void {
    this.tree?.killNow();
  }

  /**
   * Memory poll: reads the tree and returns its RSS (null if it is gone or not running).
   * Throws when the tree cannot be read: a failed sample is never a 0.
   */
  observe(): TreeSample | null {
    if (this.tree === null || !isLive(this.state)) return null;
    const sample = this.tree.sample();
    if (sample !== null) this.peakRssBytes = Math.max(this.peakRssBytes ?? 0, sample.rssBytes);
    this.rssBytes = sample?.rssBytes ?? null;
    return sample;
  }
}
