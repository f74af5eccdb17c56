// What each entry of a zip becomes on disk, and whether it may: the checks that make unpacking a
// zip from anyone safe. Pure: src/packaging/zip-read.ts does the reading and writing.
import path from 'node:path';

export type ZipEntryKind = 'file' | 'directory' | 'symlink';

/** An entry's kind and unix mode, or why it cannot be unpacked. */
export type ZipEntryShape = { kind: ZipEntryKind; mode: number } | { kind: 'unsupported'; problem: string };

const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const SPECIAL_FILES: Record<number, string> = {
  0o010000: 'FIFO',
  0o020000: 'character device',
  0o060000: 'block device',
  0o140000: 'socket',
};
/** a file from a zip made elsewhere than on unix, which has no unix mode */
const DEFAULT_FILE_MODE = 0o644;
/** what `mkdir` gives under the usual umask; directory entries' own modes are not applied */
const DIRECTORY_MODE = 0o755;
const OUTSIDE = 'outside the directory the zip is unpacked into';

/**
 * From the central directory record: a unix zip (version made by 3, as `zip` and yazl write it)
 * keeps the mode in the high 16 bits of the external attributes. Setuid, setgid and sticky bits
 * are dropped, as Info-ZIP's unzip does without -K.
 */
export function toEntryShape(name: string, versionMadeBy: number, externalAttributes: number): ZipEntryShape {
  const unix = versionMadeBy >> 8 === UNIX_HOST ? externalAttributes >>> 16 : 0;
  const type = unix & S_IFMT;
  if (name.endsWith('/') || type === S_IFDIR) return { kind: 'directory', mode: DIRECTORY_MODE };
  if (type === S_IFLNK) return { kind: 'symlink', mode: 0o777 };
  if (type !== 0 && type !== S_IFREG) {
    const what = SPECIAL_FILES[type] ?? `file of type 0o${type.toString(8)}`;
    return {
      kind: 'unsupported',
      problem: `is a ${what}: only files, directories and symlinks are unpacked`,
    };
  }
  return { kind: 'file', mode: unix === 0 ? DEFAULT_FILE_MODE : unix & 0o777 };
}

/**
 * What is wrong with an entry's name, if anything: the checks yauzl makes by default (an absolute
 * path, a ".." segment: a "zip slip"), and a NUL byte or no name at all.
 */
export function toNameProblem(name: string, kind: ZipEntryKind): string | undefined {
  if (name.includes('\0')) return 'has a NUL byte in its name';
  if (/^([a-zA-Z]:)?\//.test(name)) return `is an absolute path, ${OUTSIDE}`;
  if (name.split('/').includes('..')) return `has ".." in its path, which leads ${OUTSIDE}`;
  if (kind !== 'directory' && toEntryPath(name) === '') return 'has no file name';
  return undefined;
}

/** The path an entry is unpacked to, relative to the target dir: "" for the dir itself. */
export function toEntryPath(name: string): string {
  const normalized = path.posix.normalize(name).replace(/\/+$/, '');
  return normalized === '.' ? '' : normalized;
}

export interface ZipLayout {
  /** Records an entry (a checked name, see toNameProblem); says why it cannot be placed, if so. */
  place(entryPath: string, kind: ZipEntryKind): string | undefined;
  /**
   * Once every entry is placed: what is wrong with a symlink to `target`, if anything. A link may
   * point anywhere inside the dir, along real directories only: a path through another link
   * (`a -> .`, then `b -> a/..`) would be checked against where that link seems to be, not where
   * it leads.
   */
  toLinkProblem(linkPath: string, target: string): string | undefined;
}

/** Tracks the entries placed so far: no name twice, nothing inside a file or a symlink. */
export function createZipLayout(): ZipLayout {
  const kinds = new Map<string, ZipEntryKind>();
  /** every directory that holds an entry, listed or not */
  const parents = new Set<string>();
  return {
    place(entryPath, kind) {
      if (entryPath === '') return undefined;
      if (kinds.has(entryPath)) return 'appears twice in the zip';
      const segments = entryPath.split('/');
      for (let i = 1; i < segments.length; i += 1) {
        const parent = segments.slice(0, i).join('/');
        const parentKind = kinds.get(parent);
        if (parentKind !== undefined && parentKind !== 'directory')
          return `is inside ${parent}, which is a ${parentKind} in this zip`;
        parents.add(parent);
      }
      if (kind !== 'directory' && parents.has(entryPath))
        return `is a ${kind}, but other entries of the zip are inside it`;
      kinds.set(entryPath, kind);
      return undefined;
    },
    toLinkProblem(linkPath, target) {
      const to = `is a symlink to ${JSON.stringify(target)}`;
      if (target === '') return `${to}: an empty target`;
      if (target.includes('\0')) return `${to}: a NUL byte in its target`;
      if (target.startsWith('/')) return `${to}: an absolute path, ${OUTSIDE}`;
      const at = linkPath.split('/').slice(0, -1);
      const segments = target.split('/');
      for (const [i, segment] of segments.entries()) {
        if (segment === '' || segment === '.') continue;
        if (segment === '..') {
          if (at.pop() === undefined) return `${to}, ${OUTSIDE}`;
          continue;
        }
        at.push(segment);
        const through = at.join('/');
        if (i < segments.length - 1 && kinds.get(through) === 'symlink')
          return `${to}, a path through the symlink ${through}: link to the real path instead`;
      }
      return undefined;
    },
  };
}
