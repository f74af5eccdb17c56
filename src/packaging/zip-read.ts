import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

import { SidecarError } from '../common/errors.js';

/** One entry as read back from a zip's central directory. */
export interface ZipRecord {
  name: string;
  /** unix permission bits (0o644 when the zip was not made on unix) */
  mode: number;
  isDirectory: boolean;
  /** the entry's content, inflated and checked against its CRC-32 */
  read(): Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const UNIX_HOST = 3;
const DEFAULT_FILE_MODE = 0o644;
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

function corrupt(file: string, what: string): SidecarError {
  return new SidecarError('install_failed', `${file} is not a readable zip: ${what}`);
}

/** The entries of a zip file (PKZIP 2.0, stored or deflated, no zip64). */
export async function readZip(file: string): Promise<ZipRecord[]> {
  const zip = await readFile(file);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === EOCD_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt(file, 'no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const records: ZipRecord[] = [];
  for (let n = 0; n < count; n += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw corrupt(file, `bad central header at ${at}`);
    const host = zip.readUInt16LE(at + 4) >> 8;
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const attributes = zip.readUInt32LE(at + 38) >>> 16;
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + skip;
    const isDirectory = name.endsWith('/') || (host === UNIX_HOST && (attributes & S_IFMT) === S_IFDIR);
    if (host === UNIX_HOST && (attributes & S_IFMT) === S_IFLNK) throw corrupt(file, `${name} is a symlink`);
    const mode = host === UNIX_HOST && attributes !== 0 ? attributes & 0o7777 : DEFAULT_FILE_MODE;
    const read = (): Buffer => {
      const start =
        localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const body = zip.subarray(start, start + compressed);
      const data = method === 0 ? body : method === 8 ? inflateRawSync(body) : undefined;
      if (data === undefined) throw corrupt(file, `${name} uses compression method ${method}`);
      if (crc32(data) !== crc) throw corrupt(file, `${name} fails its CRC-32 check`);
      return data;
    };
    records.push({ name, mode, isDirectory, read });
  }
  return records;
}

/** Unzips into dir, keeping unix modes; refuses entries that would land outside dir. */
export async function extractZip(file: string, dir: string): Promise<number> {
  const root = path.resolve(dir);
  const records = await readZip(file);
  for (const record of records) {
    const target = path.resolve(root, record.name);
    if (target !== root && !target.startsWith(root + path.sep))
      throw corrupt(file, `${record.name} points outside the target dir`);
    if (record.isDirectory) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, record.read(), { mode: record.mode });
    await chmod(target, record.mode);
  }
  return records.length;
}
