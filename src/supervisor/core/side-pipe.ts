// A one-shot read of a child's side pipe (fd 3: the launcher's environment report; fd 4: a nested
// exec's readiness), as s6 reads a readiness fd: what it says, its end, or the command's exit.
import type { Readable } from 'node:stream';

/**
 * Reads `stream` until `onData` says a chunk was the last one wanted, the pipe ends, fails or
 * closes, or `exited` resolves; then destroys it and calls `onDone`, once. No pipe: `onDone` at once.
 */
export function readSidePipe(
  stream: Readable | null,
  exited: Promise<unknown>,
  onData: (chunk: Buffer) => boolean,
  onDone: () => void,
): void {
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    stream?.destroy();
    onDone();
  };
  if (stream === null) return finish();
  stream.on('data', (chunk: Buffer) => {
    if (!done && onData(chunk)) finish();
  });
  stream.once('end', finish);
  stream.once('error', finish);
  stream.once('close', finish);
  void exited.then(finish);
}
