// A directory only this user can use, under a root every user can write (/tmp): where the state
// API's socket goes when $TMPDIR cannot hold it. Its name is predictable, so another user may have
// made it first, or put a symlink there: it is made 0700, or, when it is there already, opened
// without following a symlink and checked to be a directory of ours that no one else can enter.
// /tmp is sticky, so once checked, no one but us (and root) can rename or replace it.
import { constants } from 'node:fs';

import { SidecarError } from '../../common/errors.js';
import { toErrnoText } from './errno-text.js';

const PRIVATE_MODE = 0o700;
/** group and other permission bits: none may be set on a private dir */
const SHARED_BITS = 0o077;

export async function ensurePrivateDir(dir: string, uid: number): Promise<void> {
  const { mkdir, open } = await import('node:fs/promises');
  const refuse = (why: string, hint: string, cause?: unknown): SidecarError =>
    new SidecarError('usage', `${dir} is not a private directory of ours: ${why}`, hint, { cause });
  try {
    await mkdir(dir, { mode: PRIVATE_MODE });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw refuse(`cannot make it: ${toErrnoText(error)}`, 'Check that it can be made.', error);
    }
  }
  let handle;
  try {
    handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(
      code === 'ENOTDIR' || code === 'ELOOP'
        ? 'it is a file or a symbolic link, not a directory'
        : `it cannot be opened: ${toErrnoText(error)}`,
      `Remove ${dir} if you made it; if another user did, tell them.`,
      error,
    );
  }
  try {
    const stats = await handle.stat();
    if (stats.uid !== uid) {
      throw refuse(
        `it belongs to uid ${stats.uid}, not to uid ${uid}`,
        'Another user made it first; remove it as root, or ask them to.',
      );
    }
    if ((stats.mode & SHARED_BITS) !== 0) {
      throw refuse(
        `its mode is 0${(stats.mode & 0o777).toString(8)}, not 0700`,
        `Remove ${dir}; the next run makes it again, 0700.`,
      );
    }
  } finally {
    await handle.close();
  }
}

/** True if `dir` is a directory (not a symlink) of uid `uid` that no one else can enter. */
export async function isPrivateDir(dir: string, uid: number): Promise<boolean> {
  const { lstat } = await import('node:fs/promises');
  try {
    const stats = await lstat(dir);
    return stats.isDirectory() && stats.uid === uid && (stats.mode & SHARED_BITS) === 0;
  } catch {
    return false;
  }
}
