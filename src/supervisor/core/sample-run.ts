import type { TreeSample } from '../model/tree-sample.js';
import type { TreeControl } from './process-deps.js';

/**
 * One memory poll of a run's tree: its sample (null: the root is gone), or `undefined` if that run
 * ended while it was read (nothing left to measure, so a failed read is no failure then). Rejects
 * when the tree of a run still going cannot be read: a failed sample is never a 0.
 */
export async function sampleRun(
  tree: TreeControl,
  isSameRun: () => boolean,
): Promise<TreeSample | null | undefined> {
  let sample: TreeSample | null;
  try {
    sample = await tree.sample();
  } catch (error) {
    if (!isSameRun()) return undefined;
    throw error;
  }
  return isSameRun() ? sample : undefined;
}
