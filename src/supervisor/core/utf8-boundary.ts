// Where a long line may be cut without splitting a UTF-8 character: each piece then decodes on
// its own (no U+FFFD on the platform's log stream). Bytes that are not UTF-8 are cut where asked.

/** The longest UTF-8 sequence: a cut moves back by at most this much minus one. */
const MAX_SEQUENCE_BYTES = 4;

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** How many bytes the sequence `lead` starts has; 0 when it starts none (ASCII, continuation, invalid). */
function toSequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * The offset at or just before `at` where `bytes` can be cut between two characters: `at` itself,
 * unless a multi-byte sequence starts in the 3 bytes before it and continues across it (its next
 * byte, `bytes[at]` when there is one, is a continuation byte): then that sequence's first byte.
 * Invalid UTF-8 (a lone continuation byte, a truncated sequence, Latin-1) is cut at `at`.
 */
export function toCharBoundary(bytes: Uint8Array, at: number): number {
  if (at < bytes.length && !isContinuation(bytes[at])) return at;
  for (let back = 1; back < MAX_SEQUENCE_BYTES && back <= at; back++) {
    const byte = bytes[at - back] ?? 0;
    if (isContinuation(byte)) continue;
    return toSequenceLength(byte) > back ? at - back : at;
  }
  return at;
}
