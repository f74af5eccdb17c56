import type { TreeSample } from '../model/tree-sample.js';
import type { TreeControl } from './process-deps.js';

/**
 * One memory poll of a run's tree: its sample (null: the root is gone), or `undefined` if that run
 * ended while it was read (nothing left to measure, so a failed read is no failure then). Rejects
 * when the tree of a run still going cannot be read: a failed sample is never a 0. Synchronous
 * (throws then) where the tree is read synchronously: a poll of every tree takes one turn, and no
 * promise per tree.
 */
export function sampleRun(
  tree: TreeControl,
  isSameRun: () => boolean,
): TreeSample | null | undefined | Promise<TreeSample | null | undefined> {
  const sample = tree.sample();
  if (!(sample instanceof Promise)) return sample; // nothing ran meanwhile: the same run
  return sample.then(
    (read) => (isSameRun() ? read : undefined),
    (error: unknown) => {
      if (!isSameRun()) return undefined;
      throw error;
    },
  );
}

/** Keeps a run's sample as its latest and peak figures; returns it (null: none, or the run ended). */
export function noteSample(
  proc: { peakRssBytes: number | null; rssBytes: number | null },
  sample: TreeSample | null | undefined,
): TreeSample | null {
  if (sample === undefined) return null; // this run ended while it was read
  if (sample !== null) proc.peakRssBytes = Math.max(proc.peakRssBytes ?? 0, sample.rssBytes);
  proc.rssBytes = sample?.rssBytes ?? null;
  return sample;
}
