/**
 * Memory sizes as the Cloud Foundry app manifest writes them: an integer number of MB, or an
 * integer with a unit. The unit table lives here only.
 */
const MB_PER_UNIT: Readonly<Record<string, number>> = { M: 1, MB: 1, G: 1024, GB: 1024 };

const SIZE_PATTERN = /^(\d+)(\.\d+)?\s*([A-Za-z]+)?$/;

export type MemoryParse = { ok: true; memoryMb: number } | { ok: false; reason: string };

export const MEMORY_HINT = 'Write an integer number of MB (64) or a size with a unit (64M, 64MB, 1G, 1GB).';

/** parseMemory(64 | "64M" | "1G") → integer MB. */
export function parseMemory(value: unknown): MemoryParse {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { ok: false, reason: `${value} is not a whole number of MB` };
    if (value < 1) return { ok: false, reason: `${value} MB is too small: the minimum is 1 MB` };
    return { ok: true, memoryMb: value };
  }
  if (typeof value !== 'string') return { ok: false, reason: `${describeValue(value)} is not a memory size` };
  const shown = describeValue(value);
  const match = SIZE_PATTERN.exec(value.trim());
  if (match === null) return { ok: false, reason: `${shown} is not a memory size` };
  const [, digits = '', fraction, unitText] = match;
  const unit = (unitText ?? 'M').toUpperCase();
  const mbPerUnit = MB_PER_UNIT[unit];
  if (mbPerUnit === undefined) {
    return {
      ok: false,
      reason: `${shown} is not a memory size: the unit ${JSON.stringify(unitText)} is not one of M, MB, G, GB`,
    };
  }
  const memoryMb = Number(`${digits}${fraction ?? ''}`) * mbPerUnit;
  if (fraction !== undefined) {
    if (Number.isInteger(memoryMb))
      return { ok: false, reason: `${shown} is not a whole number: write ${memoryMb}M` };
    return { ok: false, reason: `${shown} is not a whole number of MB` };
  }
  if (!Number.isSafeInteger(memoryMb)) return { ok: false, reason: `${shown} is too large` };
  if (memoryMb < 1) return { ok: false, reason: `${shown} is too small: the minimum is 1 MB` };
  return { ok: true, memoryMb };
}

/** A short, safe rendering of any parsed YAML value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}
