import { open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a zip: a file (with data) or a directory (name ends with "/"). */
export interface ZipEntry {
  name: string;
  /** unix permission bits, e.g. 0o755 for bin/*: the platform keeps them when it unzips */
  mode: number;
  data?: Uint8Array;
  /** false for data that is already compressed (a tar.xz): stored as is */
  deflate?: boolean;
}

const UNIX_HOST = 3;
const VERSION_NEEDED = 20;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/**
 * 1980-01-01 00:00, the zip epoch: no entry's time depends on when it was packaged (the code
 * caches' bytes still do: src/packaging/code-cache.ts).
 */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_ZIP32 = 0xffff_ffff;

/**
 * Writes a zip (PKZIP 2.0, no zip64) whose entries carry unix modes in the external attributes,
 * as `zip` does on Linux: the platform's unzip restores them, so bin/* must be 0755 here.
 */
export async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<{ bytes: number }> {
  const handle = await open(file, 'w', 0o644);
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const entry of entries) {
      const isDir = entry.name.endsWith('/');
      const raw = isDir ? new Uint8Array() : (entry.data ?? new Uint8Array());
      const useDeflate = !isDir && entry.deflate !== false && raw.length > 0;
      const body = useDeflate ? deflateRawSync(raw, { level: 9 }) : raw;
      const crc = isDir ? 0 : crc32(raw);
      const name = Buffer.from(entry.name, 'utf8');
      const method = useDeflate ? METHOD_DEFLATED : METHOD_STORED;
      if (offset + body.length > MAX_ZIP32) throw new Error(`${entry.name}: the zip would exceed 4 GiB`);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(VERSION_NEEDED, 4);
      local.writeUInt16LE(FLAG_UTF8, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt16LE(DOS_TIME, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(raw.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((UNIX_HOST << 8) | VERSION_NEEDED, 4);
      header.writeUInt16LE(VERSION_NEEDED, 6);
      header.writeUInt16LE(FLAG_UTF8, 8);
      header.writeUInt16LE(method, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(body.length, 20);
      header.writeUInt32LE(raw.length, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE((((isDir ? S_IFDIR : S_IFREG) | (entry.mode & 0o7777)) << 16) >>> 0, 38);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      await handle.write(Buffer.concat([local, name]));
      await handle.write(body);
      offset += local.length + name.length + body.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    await handle.write(directory);
    await handle.write(end);
    return { bytes: offset + directory.length + end.length };
  } finally {
    await handle.close();
  }
}
