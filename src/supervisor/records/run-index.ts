// The run index, so that `sidecars runs` finds the newest runs without listing every key (pure).
// Each run has one small entry in a `.runs/` folder at each level a reader may name: the upload's
// PREFIX (every app), PREFIX/<app> (one app) and PREFIX/<app>/<type>-<index> (one instance):
//   <level>/.runs/<inverted start ms>~<the run's folder below <level>, '/' as '~'>
// S3 lists keys in ascending order, so the newest run's entry comes first: a listing with MaxKeys N
// returns the newest N runs, whatever the store holds. Key segments never hold '~' (toKeySegment).
// The entry's body is the run's started.json, replaced by its finished.json once that is up, so one
// GET gives a row. The entries lie under PREFIX/ with the runs, so a lifecycle rule on PREFIX/
// expires them too.
import { toKeySegment } from './run-key.js';
import { toRunIdSeconds } from './run-rows.js';

export const INDEX_DIR = '.runs';
const SEPARATOR = '~';
/** 13 digits of milliseconds: start times up to the year 2286 invert to a fixed width. */
const INVERT_FROM = 9_999_999_999_999;

/** `20261126T214130-123Z-…` → its start in epoch ms (null: not a run id). */
export function toRunIdMs(runId: string): number | null {
  const seconds = toRunIdSeconds(runId);
  const ms = /^\d{8}T\d{6}-(\d{3})Z/.exec(runId)?.[1];
  return seconds === null || ms === undefined ? null : seconds * 1000 + Number(ms);
}

/** The entries' common head for a run id: every entry of that run, at any level, starts with it. */
export function toIndexHead(runId: string): string | null {
  const ms = toRunIdMs(runId);
  return ms === null ? null : `${String(INVERT_FROM - ms).padStart(13, '0')}${SEPARATOR}`;
}

/** The `.runs/` folder (a key prefix, with its '/') of a level ('' is the bucket's root). */
export function toIndexPrefix(level: string): string {
  return level === '' ? `${INDEX_DIR}/` : `${level}/${INDEX_DIR}/`;
}

/**
 * The index keys of a run: one at the store prefix, one at the app, one at the instance.
 * `storePrefix` is the upload URL's PREFIX; runKey is `PREFIX/<app>/<type>-<index>/<run id>`.
 */
export function toIndexKeys(storePrefix: string, runKey: string, runId: string): string[] {
  const head = toIndexHead(runId) ?? `${String(INVERT_FROM).padStart(13, '0')}${SEPARATOR}`;
  const below = (storePrefix === '' ? runKey : runKey.slice(storePrefix.length + 1)).split('/');
  return below.map((_, i) => {
    const level = [storePrefix, ...below.slice(0, i)].filter((s) => s !== '').join('/');
    return `${toIndexPrefix(level)}${head}${below.slice(i).join(SEPARATOR)}`;
  });
}

/** An index key listed under a level → the key of the run's folder; null when it is not an entry. */
export function toIndexedRunKey(level: string, key: string): string | null {
  const prefix = toIndexPrefix(level);
  if (!key.startsWith(prefix)) return null;
  const name = key.slice(prefix.length);
  const parts = name.split(SEPARATOR);
  if (parts.length < 2 || !/^\d{13}$/.test(parts[0] ?? '')) return null;
  const segments = parts.slice(1);
  if (segments.some((s) => s === '' || toKeySegment(s) !== s)) return null;
  return [level, ...segments].filter((s) => s !== '').join('/');
}
