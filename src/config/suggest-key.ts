/** "Did you mean": a known alias, else the closest key within a small edit distance. */
export function suggestKey(
  key: string,
  known: readonly string[],
  aliases: ReadonlyMap<string, string>,
): string | undefined {
  const alias = aliases.get(key) ?? aliases.get(key.toLowerCase());
  if (alias !== undefined) return alias;
  const normalized = key.toLowerCase().replaceAll('-', '_');
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(normalized, candidate);
    if (
      distance <= Math.max(1, Math.floor(candidate.length / 3)) &&
      (best === undefined || distance < best.distance)
    ) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

/** Levenshtein distance, with adjacent transpositions counting one (Damerau, optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}
