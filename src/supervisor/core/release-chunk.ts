// Frees a chunk read from a child's pipe as soon as the supervisor is done with it. Each read of a
// pipe is a new buffer outside V8's heap; left to the GC, a flood's buffers pile up between young
// GCs, and those that waited long enough for a slow reader outlive two of them and wait for a full
// GC (npm run bench: flood-matrix).

/** ES2024's ArrayBuffer.prototype.transfer (Node.js 21+): moves the memory out and detaches the buffer. */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/**
 * Detaches `chunk`'s memory (a transfer to a zero-length buffer frees it at once): `chunk` is
 * empty afterwards. Only a buffer that is the whole of its own ArrayBuffer: never a slice of
 * Node.js's shared pool, nor of a larger buffer. On a Node.js without transfer, the GC frees it.
 */
export function releaseChunk(chunk: Buffer): void {
  const memory = chunk.buffer as Transferable;
  if (chunk.byteOffset !== 0 || chunk.byteLength !== memory.byteLength || chunk.byteLength === 0) return;
  memory.transfer?.(0);
}
