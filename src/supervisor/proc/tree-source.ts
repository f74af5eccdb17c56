// A way of reading, measuring and stopping process trees: the /proc path or the portable one
// (process-path.ts picks it; portable-path.ts builds the portable one, loaded only when taken).
import type { Clock } from '../../common/clock.js';
import type { TreeControl } from '../core/process-deps.js';

/** Which way trees are read: /proc (Linux with children files) or ps + pidusage + tree-kill. */
export type ProcessPath = 'proc' | 'portable';

/**
 * What the supervisor needs of a path: a tree per spawned command, and how PSS confirms a breach.
 * `T`: what its trees are (the portable path's sample only asynchronously).
 */
export interface TreeSource<T extends TreeControl = TreeControl> {
  readonly path: ProcessPath;
  /** right after the spawn; `rootExited` settles when Node.js has reaped the root */
  open(rootPid: number, clock: Clock, rootExited: Promise<unknown> | null): T;
  /** a tree's summed PSS, or null: the RSS sum decides */
  readPss(pids: readonly number[]): number | null;
}
