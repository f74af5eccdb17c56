import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Makes `file` a named pipe: a command that reads it blocks until the test writes it, so the
 * test knows, without timing, where the command is.
 */
export function makeFifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/**
 * Resolves once the command has opened the pipe for reading, with a writer: write the content,
 * then call it. If the command ends before reading the pipe, rejects (and unblocks the open).
 */
export async function waitForReader(
  file: string,
  exited: Promise<unknown>,
): Promise<(content: string) => Promise<void>> {
  const opening = open(file, 'w');
  const reader = await Promise.race([opening.then(() => true), exited.then(() => false)]);
  if (!reader) {
    // our blocked open needs a reader to return: be that reader, then give up
    const unblock = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    await (await opening).close();
    await unblock.close();
    throw new Error(`the command ended before it read ${file}`);
  }
  const handle = await opening;
  return async (content) => {
    await handle.writeFile(content);
    await handle.close();
  };
}
