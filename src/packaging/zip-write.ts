import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ZipFile } from 'yazl';

/** One entry of a zip: a file (with data) or a directory (name ends with "/"). */
export interface ZipEntry {
  name: string;
  /** unix permission bits, e.g. 0o755 for bin/*: the platform keeps them when it unzips */
  mode: number;
  data?: Uint8Array;
  /** false for data that is already compressed (a tar.xz): stored as is */
  deflate?: boolean;
}

const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const DEFLATE_LEVEL = 9;
/**
 * 1980-01-01 00:00, the zip epoch, for every entry. yazl stores an entry's time as the local time
 * of the Date given, so a Date made from local fields, when the zip is written, gives the same
 * bytes in every time zone; with `forceDosTimestamp` it writes no unix time beside it. Two
 * packagings of the same tree give the same zip (the code caches inside still differ:
 * src/packaging/code-cache.ts).
 */
function toZipEpoch(): Date {
  return new Date(1980, 0, 1);
}

/**
 * Writes a zip with yazl whose entries carry unix modes in the external attributes, as `zip`
 * does on Linux: the platform's unzip restores them, so bin/* must be 0755 here.
 */
export async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<void> {
  const zip = new ZipFile();
  const time = { mtime: toZipEpoch(), forceDosTimestamp: true };
  const written = pipeline(zip.outputStream, createWriteStream(file, { mode: 0o644 }));
  try {
    for (const entry of entries) {
      if (entry.name.endsWith('/')) {
        zip.addEmptyDirectory(entry.name, { ...time, mode: S_IFDIR | (entry.mode & 0o7777) });
        continue;
      }
      zip.addBuffer(toBuffer(entry.data), entry.name, {
        ...time,
        mode: S_IFREG | (entry.mode & 0o7777),
        compressionLevel: entry.deflate === false ? 0 : DEFLATE_LEVEL,
      });
    }
    zip.end();
  } catch (error) {
    // yazl refuses a bad name (absolute, "..") when it is added: no half-written zip is left
    (zip.outputStream as Readable).destroy(error as Error);
    await written.catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  await written;
}

/** The entry's bytes as a Buffer, without copying them (the runtime archive is 40 MB). */
function toBuffer(data: Uint8Array | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
