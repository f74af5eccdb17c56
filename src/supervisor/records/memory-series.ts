// memory.json: each supervised process's memory at the poll rate, bounded however long the run.
// Pure: the memory policy's samples go in, the record comes out. At most MAX_MEMORY_POINTS points
// per process: when one more would pass it, the buckets double in width and each pair of
// neighbours merges into one that keeps the maximum of each figure, so a peak is never lost.

export const MEMORY_FILE = 'memory.json';
/** Points kept per process: a 24 h run at 1 s polls merges 86,400 samples into ≤ 2,000 buckets. */
export const MAX_MEMORY_POINTS = 2_000;

/** [bucket start (epoch ms), max RSS of the tree in it, max PSS in it or null: never read] */
export type MemoryPoint = [number, number, number | null];

export interface MemorySeries {
  /** the limit enforced on the tree, null when none is */
  limit_bytes: number | null;
  /** the width of every bucket: the poll interval, doubled at each merge */
  bucket_ms: number;
  points: MemoryPoint[];
}

export interface MemoryRecord {
  version: 1;
  poll_ms: number;
  written_at: number;
  processes: Record<string, MemorySeries>;
}

export function createMemorySeries(pollMs: number, limitBytes: number | null): MemorySeries {
  return { limit_bytes: limitBytes, bucket_ms: Math.max(1, Math.round(pollMs)), points: [] };
}

const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

/** true if it raised a figure of the point */
function mergeInto(point: MemoryPoint, rssBytes: number, pssBytes: number | null): boolean {
  const pss = maxOf(point[2], pssBytes);
  if (rssBytes <= point[1] && pss === point[2]) return false;
  point[1] = Math.max(point[1], rssBytes);
  point[2] = pss;
  return true;
}

/** The points in buckets twice as wide: neighbours that share a wider bucket become one (maxima kept). */
export function toMergedPoints(points: readonly MemoryPoint[], bucketMs: number): MemoryPoint[] {
  const out: MemoryPoint[] = [];
  for (const [startMs, rssBytes, pssBytes] of points) {
    const wideStart = Math.floor(startMs / bucketMs) * bucketMs;
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === wideStart) mergeInto(last, rssBytes, pssBytes);
    else out.push([wideStart, rssBytes, pssBytes]);
  }
  return out;
}

/**
 * Adds one sample (in place: a day of polls must not copy the series at each one). A sample in the
 * last bucket (or, the clock having stepped back, before it) merges into it; past MAX_MEMORY_POINTS,
 * the buckets double until the points fit. Returns false when the series did not change (a
 * sample below the maxima of the last bucket): memory.json need not be rewritten for it.
 */
export function addMemorySample(
  series: MemorySeries,
  atMs: number,
  rssBytes: number,
  pssBytes: number | null,
  maxPoints = MAX_MEMORY_POINTS,
): boolean {
  const startMs = Math.floor(atMs / series.bucket_ms) * series.bucket_ms;
  const last = series.points[series.points.length - 1];
  if (last !== undefined && startMs <= last[0]) return mergeInto(last, rssBytes, pssBytes);
  series.points.push([startMs, rssBytes, pssBytes]);
  while (series.points.length > Math.max(1, maxPoints)) {
    series.bucket_ms *= 2;
    series.points = toMergedPoints(series.points, series.bucket_ms);
  }
  return true;
}

/** The highest RSS of a series (null: no point). */
export function toPeakRss(series: MemorySeries): number | null {
  let peak: number | null = null;
  for (const [, rssBytes] of series.points) peak = peak === null ? rssBytes : Math.max(peak, rssBytes);
  return peak;
}

export function toMemoryRecord(
  pollMs: number,
  writtenAtMs: number,
  series: ReadonlyMap<string, MemorySeries>,
): MemoryRecord {
  return { version: 1, poll_ms: pollMs, written_at: writtenAtMs, processes: Object.fromEntries(series) };
}
