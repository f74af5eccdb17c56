// A size in bytes as people write one in sidecars.yml: 1048576, 512K, 1M, 1MiB, 2MB (1024-based).

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};
export const BYTE_SIZE_HINT =
  'Write a whole number of bytes, or a size with a unit: 512K, 1M, 4MiB (1024-based).';

export type ByteSizeResult = { ok: true; bytes: number } | { ok: false; reason: string };

export function parseByteSize(value: unknown): ByteSizeResult {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value > 0
      ? { ok: true, bytes: value }
      : { ok: false, reason: `${value} is not a whole number of bytes` };
  }
  if (typeof value !== 'string')
    return { ok: false, reason: `${JSON.stringify(value) ?? String(value)} is not a size` };
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  const factor = match === null ? undefined : UNITS[(match[2] ?? '').toLowerCase()];
  if (match === null || factor === undefined) return { ok: false, reason: `"${value}" is not a size` };
  const bytes = Number(match[1]) * factor;
  return bytes > 0 && Number.isSafeInteger(bytes)
    ? { ok: true, bytes }
    : { ok: false, reason: `"${value}" is not a size` };
}

/** `1M`, `512K`, or bytes: the shortest exact form. */
export function formatByteSize(bytes: number): string {
  for (const [unit, factor] of [
    ['G', 1024 ** 3],
    ['M', 1024 ** 2],
    ['K', 1024],
  ] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}
