/** What a failed file or socket call means, in words, with its code: `read-only file system (EROFS)`. */
const MEANINGS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a file is in the way',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on the device',
  EADDRINUSE: 'already in use',
  EADDRNOTAVAIL: 'address not available on this machine',
  ENAMETOOLONG: 'name too long',
};

export function toErrnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const meaning = code !== undefined ? MEANINGS[code] : undefined;
  if (code !== undefined && meaning !== undefined) return `${meaning} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
