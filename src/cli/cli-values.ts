import { SidecarError } from '../common/errors.js';

/** A flag's integer value ≥ 0, or the default when absent. */
export function toNonNegativeInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new SidecarError('usage', `${flag} takes a whole number ≥ 0, not "${value}"`);
  return n;
}
