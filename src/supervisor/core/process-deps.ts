// What a ManagedProcess is handed: the effects it may use, declared here where they are used and
// implemented elsewhere (spawn.ts, proc/, the clock; fakes in tests).
import type { Clock } from '../../common/clock.js';
import type { EventBus } from '../model/events.js';
import type { TreeSample } from '../model/tree-sample.js';
import type { ChildHandle, SpawnOpts } from './spawn.js';
import type { CheckTree } from '../model/check-tree.js';

export type Spawner = (command: string, opts: SpawnOpts) => ChildHandle;

/** The running tree of one command, as the process sees it (real: kill-tree.ts; fake in tests). */
export interface TreeControl {
  /** SIGTERM the tree, SIGKILL after graceMs (0: SIGKILL at once), calling onForce first */
  stop(graceMs: number, onForce: () => void, termRootOnly?: boolean): Promise<void>;
  /** synchronous SIGKILL of everything known: the last resort on exit */
  killNow(): void;
  /**
   * reads the tree now; null when the root is gone; rejects (throws, when synchronous) when it
   * cannot be read. Synchronous where the tree is read so (the /proc path): then the very object
   * of the last call when nothing of the tree has run since (its memory cannot have changed)
   */
  sample(): TreeSample | null | Promise<TreeSample | null>;
  /** counts `pid` as a member from now on: a descendant that detached before a read saw it */
  adopt(pid: number): void;
}

export interface ProcessDeps {
  spawner: Spawner;
  clock: Clock;
  bus: EventBus;
  /** `exited` settles when the spawned root has been reaped */
  openTree(pid: number, exited: Promise<unknown>, name: string): TreeControl;
  /** the environment to spawn `name` with: what lets its descendants be found however they detach */
  tagEnv?(name: string, env: Readonly<Record<string, string>>): Readonly<Record<string, string>>;
  /**
   * adds to their trees the descendants that detached since the last call (none where not wired);
   * `quiet` as in SupervisorHandle.findEscaped
   */
  findEscaped?(quiet?: boolean): void;
  /** a token for one run of an exec health check, which finds and kills its whole tree when it ends */
  openCheck?: (env: Readonly<Record<string, string>>) => CheckTree;
  /** sees the app's end by its port, for `stop: after_app` (absent: not waited for) */
  watchAppEnd?: (port: number) => AppEndWatch;
}

/** The app's end, seen by its port (proc/app-end.ts), for `stop: after_app`. */
export interface AppEndWatch {
  /** resolves once the app has ended (or `signal` aborts) */
  ended(signal: AbortSignal): Promise<void>;
  close(): void;
}
