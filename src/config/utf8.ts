/** The 1-based line of a byte offset. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** The offset of the first byte that starts an invalid UTF-8 sequence (callers know there is one). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  // the shortest prefix that fails to decode ends at, or just after, the start of the bad sequence
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      low = mid + 1;
    } catch {
      high = mid;
    }
  }
  const failing = bytes[low] ?? 0;
  if (failing >= 0x80 && failing < 0xc0) return low;
  for (let back = low - 1; back >= Math.max(0, low - 3); back -= 1) {
    const byte = bytes[back] ?? 0;
    if (byte >= 0xc0) return back;
    if (byte < 0x80) break;
  }
  return low;
}
