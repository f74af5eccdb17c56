import { Writable } from 'node:stream';

import type { Clock } from '../../src/common/clock.js';
import { createSharedSink } from '../../src/supervisor/core/line-output.js';
import type { Spawner, TreeControl } from '../../src/supervisor/core/process-deps.js';
import type { ProcessSpec } from '../../src/supervisor/model/process-spec.js';
import type { TreeSample } from '../../src/supervisor/model/tree-sample.js';
import type { ProcessResult } from '../../src/supervisor/model/process-result.js';
import type { ChildExit, SpawnOpts } from '../../src/supervisor/core/spawn.js';

/** A clock that only moves when told to (packit's fake chronos). */
export class FakeClock implements Clock {
  private timers: Array<{ at: number; resolve: (elapsed: boolean) => void }> = [];
  constructor(private time = 0) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal?.aborted === true) return resolve(false);
      const timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve(false);
      });
    });
  }
  /** moves time forward, firing due timers */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.resolve(true);
  }
}

/** A child the test ends by hand. */
export interface FakeChild {
  command: string;
  opts: SpawnOpts;
  pid: number;
  exit(exit: ChildExit): void;
}

/** Records every spawn (packit style: spawner.calls[0].command); children end when told. */
export class FakeSpawner {
  readonly calls: FakeChild[] = [];
  private nextPid = 1000;
  readonly spawn: Spawner = (command, opts) => {
    let exit!: (e: ChildExit) => void;
    const exited = new Promise<ChildExit>((resolve) => (exit = resolve));
    const child = { command, opts, pid: this.nextPid++, exit };
    this.calls.push(child);
    return { pid: child.pid, exited, outputDone: Promise.resolve(), closeOutput: () => undefined };
  };
  byCommand(command: string): FakeChild {
    const child = this.calls.find((c) => c.command === command);
    if (child === undefined) throw new Error(`${command} was not spawned`);
    return child;
  }
}

/**
 * A tree whose stop "delivers" SIGTERM by ending the fake child (unless it ignores TERM); its memory
 * samples come from `sampleOf` (which may throw, as a failed read does).
 */
export function fakeTreeFor(
  spawner: FakeSpawner,
  ignoresTerm: ReadonlySet<number> = new Set(),
  sampleOf: (pid: number) => TreeSample | null = () => null,
) {
  const stops: Array<{ pid: number; graceMs: number }> = [];
  const open = (pid: number): TreeControl => ({
    stop: (graceMs, onForce) => {
      stops.push({ pid, graceMs });
      const child = spawner.calls.find((c) => c.pid === pid);
      if (graceMs > 0 && !ignoresTerm.has(pid)) {
        child?.exit({ kind: 'exit', exitCode: null, signal: 'SIGTERM' });
      } else {
        if (graceMs > 0) onForce();
        child?.exit({ kind: 'exit', exitCode: null, signal: 'SIGKILL' });
      }
      return Promise.resolve();
    },
    killNow: () => undefined,
    sample: () => new Promise((resolve) => resolve(sampleOf(pid))), // a throw rejects, as a failed read
    adopt: () => undefined,
  });
  return { open, stops };
}

/** A sink no fake ever writes to (fake children have no output). */
const DISCARD = createSharedSink(new Writable({ write: (_chunk, _enc, done) => done() }));

/** A process spec for the fakes: command = name, nothing limited, gated or checked. */
export function fakeSpec(name: string, overrides: Partial<ProcessSpec> = {}): ProcessSpec {
  return {
    name,
    command: name,
    cwd: '/',
    env: {},
    output: { stdout: { sink: DISCARD, prefix: '' }, stderr: { sink: DISCARD, prefix: '' } },
    memoryLimitBytes: null,
    gate: null,
    health: null,
    ...overrides,
  };
}

/** A process result for the pure tests: an exit of `name` with nothing to report, overridden as needed. */
export function fakeResult(name: string, overrides: Partial<ProcessResult> = {}): ProcessResult {
  return {
    name,
    exitCode: null,
    signal: null,
    reason: 'exited',
    forced: false,
    peakRssBytes: null,
    startedAt: 0,
    endedAt: 1,
    detail: null,
    ...overrides,
  };
}
