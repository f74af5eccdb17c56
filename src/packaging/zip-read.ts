import { createWriteStream } from 'node:fs';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';

import { type Entry, getFileNameLowLevel, openPromise, type ZipFile } from 'yauzl';

import { SidecarError } from '../common/errors.js';

import { createZipLayout, toEntryPath, toEntryShape, toNameProblem, type ZipLayout } from './zip-layout.js';

/**
 * What a buildpack may unpack to: the largest offline buildpacks are about 1.5 GB, mostly
 * archives that do not shrink in a zip. A zip that declares more (a zip bomb) is refused before
 * anything is written past that.
 */
export const MAX_UNPACKED_BYTES = 4 * 1024 ** 3;
/** PATH_MAX: no real link has a longer target */
const MAX_LINK_TARGET_BYTES = 4096;
const HINT =
  "Pass a zip of a buildpack (as `npm run package` or the platform's packager makes it), or the buildpack's directory.";

interface Unpacking {
  file: string;
  zip: ZipFile;
  root: string;
  layout: ZipLayout;
  /** made once every file is written, so that no write can go through one */
  links: { entryPath: string; target: string; where: string }[];
}

/**
 * Unzips `file` into `dir` (best a new one) with yauzl, streaming each entry to disk: unix modes
 * kept, each entry's CRC-32 checked (yauzl does not), symlinks only to paths inside `dir`. A zip
 * that is unreadable, or has an entry that could land outside `dir` or collides with another,
 * fails with a SidecarError that names the zip and the entry. Returns the number of entries.
 */
export async function extractZip(file: string, dir: string): Promise<number> {
  let zip: ZipFile;
  try {
    // names decoded here (decodeStrings: false), so that a bad one is reported with the entry
    zip = await openPromise(file, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      // the entries are listed first, then read: the fd stays open until zip.close()
      autoClose: false,
    });
  } catch (error) {
    throw unreadable(file, error);
  }
  const unpacking: Unpacking = { file, zip, root: path.resolve(dir), layout: createZipLayout(), links: [] };
  let count = 0;
  try {
    // the central directory first: a zip that declares too much is refused before any write
    const entries: Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
    }
    if (declared > MAX_UNPACKED_BYTES) {
      throw new SidecarError(
        'install_failed',
        `${file} unpacks to more than ${MAX_UNPACKED_BYTES / 1024 ** 3} GB (its ${entries.length} entries declare ${declared} bytes): refused as a zip bomb`,
        HINT,
      );
    }
    await mkdir(unpacking.root, { recursive: true });
    for (const entry of entries) {
      await unpackEntry(unpacking, entry);
      count += 1;
    }
  } catch (error) {
    throw error instanceof SidecarError ? error : unreadable(file, error);
  } finally {
    zip.close();
  }
  for (const link of unpacking.links) {
    const problem = unpacking.layout.toLinkProblem(link.entryPath, link.target);
    if (problem !== undefined) throw new SidecarError('install_failed', `${link.where}: ${problem}`, HINT);
    const target = path.join(unpacking.root, link.entryPath);
    await mkdir(path.dirname(target), { recursive: true });
    await symlink(link.target, target);
  }
  return count;
}

async function unpackEntry(unpacking: Unpacking, entry: Entry): Promise<void> {
  const { file, zip, root, layout } = unpacking;
  const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  const where = `${file}: entry ${JSON.stringify(name)}`;
  const fail = (problem: string, cause?: unknown): SidecarError =>
    new SidecarError('install_failed', `${where}: ${problem}`, HINT, { cause });
  const shape = toEntryShape(name, entry.versionMadeBy, entry.externalFileAttributes);
  if (shape.kind === 'unsupported') throw fail(shape.problem);
  const entryPath = toEntryPath(name);
  const problem = toNameProblem(name, shape.kind) ?? layout.place(entryPath, shape.kind);
  if (problem !== undefined) throw fail(problem);
  const target = path.join(root, entryPath);
  const relative = path.relative(root, target);
  if (relative === '..' || relative.startsWith(`..${path.sep}`)) throw fail('leads outside the directory'); // see toNameProblem
  try {
    if (shape.kind === 'directory') {
      await mkdir(target, { recursive: true });
    } else if (shape.kind === 'symlink') {
      if (entry.uncompressedSize > MAX_LINK_TARGET_BYTES)
        throw fail(`is a symlink with a ${entry.uncompressedSize}-byte target`);
      const data = await readAll(await zip.openReadStreamPromise(entry), entry.crc32);
      unpacking.links.push({ entryPath, target: data.toString('utf8'), where });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(
        await zip.openReadStreamPromise(entry),
        checkCrc32(entry.crc32),
        // wx: never through a link, never over another file
        createWriteStream(target, { flags: 'wx', mode: shape.mode }),
      );
      await chmod(target, shape.mode); // the umask applied to the mode above
    }
  } catch (error) {
    if (error instanceof SidecarError) throw error;
    throw fail(`cannot be unpacked: ${(error as Error).message}`, error);
  }
}

async function readAll(stream: Readable, expectedCrc32: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(stream, checkCrc32(expectedCrc32), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** Passes the data through, and fails at its end unless its CRC-32 is the recorded one. */
function checkCrc32(expected: number): Transform {
  let actual = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      actual = crc32(chunk, actual);
      done(null, chunk);
    },
    flush(done) {
      done(actual === expected ? null : new Error('its CRC-32 does not match: the zip is corrupt'));
    },
  });
}

function unreadable(file: string, error: unknown): SidecarError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SidecarError('install_failed', `${file} is not a readable zip: ${reason}`, HINT, {
    cause: error,
  });
}
