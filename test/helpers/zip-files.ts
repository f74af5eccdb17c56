// Zips for tests: read one back entry by entry (yauzl), or make one with any entry a hostile zip
// can hold (yazl, then names patched in place: yazl itself refuses "../x" and "/x").
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';

import { openPromise } from 'yauzl';
import { ZipFile } from 'yazl';

export interface ZipRecord {
  name: string;
  /** unix permission bits */
  mode: number;
  isDirectory: boolean;
  /** 0 stored, 8 deflated */
  compressionMethod: number;
  compressedSize: number;
  lastModFileDate: number;
  lastModFileTime: number;
  extraFieldLength: number;
  data: Buffer;
}

/** Every entry of a zip, its data inflated. */
export async function readZipRecords(file: string): Promise<ZipRecord[]> {
  const zip = await openPromise(file, { lazyEntries: true });
  const records: ZipRecord[] = [];
  for await (const entry of zip.eachEntry()) {
    const isDirectory = entry.fileName.endsWith('/');
    records.push({
      name: entry.fileName,
      mode: (entry.externalFileAttributes >>> 16) & 0o7777,
      isDirectory,
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      lastModFileDate: entry.lastModFileDate,
      lastModFileTime: entry.lastModFileTime,
      extraFieldLength: entry.extraFieldLength,
      data: isDirectory ? Buffer.alloc(0) : await buffer(await zip.openReadStreamPromise(entry)),
    });
  }
  return records;
}

export interface TestZipEntry {
  name: string;
  data?: string;
  /** the whole st_mode, file type included: 0o120777 makes a symlink (data is its target) */
  mode?: number;
}

/**
 * Writes a zip of stored entries, then replaces each `rename` key by its value (of the same
 * length) wherever it occurs: the local and the central headers both carry the name.
 */
export async function writeTestZip(
  file: string,
  entries: readonly TestZipEntry[],
  rename: Record<string, string> = {},
): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream, createWriteStream(file));
  for (const entry of entries) {
    const options = { mode: entry.mode ?? 0o100644, forceDosTimestamp: true };
    if (entry.name.endsWith('/')) zip.addEmptyDirectory(entry.name, options);
    else zip.addBuffer(Buffer.from(entry.data ?? ''), entry.name, { ...options, compress: false });
  }
  zip.end();
  await written;
  const bytes = await readFile(file);
  for (const [from, to] of Object.entries(rename)) {
    if (Buffer.byteLength(from) !== Buffer.byteLength(to))
      throw new Error(`${from} → ${to}: not the same length`);
    for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) bytes.write(to, at);
  }
  await writeFile(file, bytes);
}
