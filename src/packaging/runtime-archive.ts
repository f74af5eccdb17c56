import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { execa } from 'execa';

import { SidecarError } from '../common/errors.js';
import { pathExists } from '../common/fs.js';

import type { Dependency } from './buildpack-manifest.js';
import type { RuntimeTarball } from './runtime-tarball.js';

/** Where the node binary sits in the npm tarball, and in the archive shipped in the zip. */
const BINARY_IN_TARBALL = 'package/bin/node';
export const BINARY_IN_ARCHIVE = 'bin/node';
/**
 * gzip -9, not xz: the archive is 38 MB instead of 26, but bin/supply extracts it in 0.8 s
 * instead of 2.0 s (a 103 MB binary, on this machine), and it is extracted at every staging.
 */
const GZIP_ARGS = ['-9', '-n'];
/** Reproducible tar: no owner, time or order from the machine that packaged it. */
const TAR_ARGS = ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0'];
const PROGRESS_EVERY_MS = 2_000;

export interface RuntimeArchive {
  /** the archive's path on disk */
  path: string;
  /** its name inside the zip */
  file: string;
  sha256: string;
  bytes: number;
  /** sha256 of the stripped bin/node inside it */
  binarySha256: string;
  binaryBytes: number;
  /** `strip --version`'s first line: what made the binary from the source's */
  strippedWith: string;
}

/** `node-24.21.0-linux-x64-61ecf27a.tar.gz`: the version and the source it was made from. */
export function toArchiveName(dependency: Dependency): string {
  return `${dependency.name}-${dependency.version}-linux-x64-${dependency.source_sha256.slice(0, 8)}.tar.gz`;
}

/**
 * The shipped runtime: bin/node of the checked npm tarball, stripped of its symbol tables (121 →
 * 103 MB; the same binary runs), as tar.gz. The archive and what is known of it are kept in
 * cacheDir under a name that carries the source's sha256, and made again only when the pinned
 * runtime changes; `log` hears how far the compression is while it works.
 */
export async function createRuntimeArchive(
  dependency: Dependency,
  tarball: RuntimeTarball,
  cacheDir: string,
  log: (line: string) => void = () => {},
  progressEveryMs = PROGRESS_EVERY_MS,
): Promise<RuntimeArchive> {
  const name = toArchiveName(dependency);
  const cached = path.join(cacheDir, name);
  const infoFile = `${cached}.json`;
  if (!(await pathExists(cached)) || !(await pathExists(infoFile))) {
    await mkdir(cacheDir, { recursive: true });
    const work = await mkdtemp(path.join(cacheDir, '.work-'));
    try {
      const binary = await extractRuntimeBinary(tarball, work);
      const strippedWith = await stripBinary(binary);
      const binaryData = await readFile(binary);
      const tmp = path.join(work, name);
      await writeTarGz(path.join(work, 'package'), BINARY_IN_ARCHIVE, tmp, binaryData.length, {
        log,
        everyMs: progressEveryMs,
      });
      const info = {
        binarySha256: createHash('sha256').update(binaryData).digest('hex'),
        binaryBytes: binaryData.length,
        strippedWith,
      };
      await writeFile(`${tmp}.json`, `${JSON.stringify(info)}\n`);
      await rename(`${tmp}.json`, infoFile);
      await rename(tmp, cached);
    } catch (error) {
      if (error instanceof SidecarError) throw error;
      throw new SidecarError(
        'install_failed',
        `could not make ${name}: ${(error as Error).message}`,
        'Packaging needs tar, gzip and strip (Debian: binutils).',
        { cause: error },
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const data = await readFile(cached);
  const info = JSON.parse(await readFile(infoFile, 'utf8')) as Pick<
    RuntimeArchive,
    'binarySha256' | 'binaryBytes' | 'strippedWith'
  >;
  return {
    path: cached,
    file: `dependencies/${name}`,
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.length,
    ...info,
  };
}

/** `strip` (GNU binutils) in place; resolves to the first line of `strip --version`. */
export async function stripBinary(binary: string): Promise<string> {
  try {
    const version = (await execa('strip', ['--version'])).stdout.split('\n')[0] ?? 'strip';
    await execa('strip', [binary]);
    return version;
  } catch (error) {
    throw new SidecarError(
      'install_failed',
      `could not strip ${path.basename(binary)}: ${(error as Error).message}`,
      'Packaging needs strip from GNU binutils (Debian: apt-get install binutils).',
      { cause: error },
    );
  }
}

/**
 * tar (reproducible) | gzip -9 -n > out, with the bytes tar has given gzip reported every 2 s:
 * gzip -9 of 103 MB takes about 15 s.
 */
async function writeTarGz(
  dir: string,
  member: string,
  out: string,
  expectedBytes: number,
  progress: { log: (line: string) => void; everyMs: number },
): Promise<void> {
  const { log } = progress;
  const tar = spawn('tar', [...TAR_ARGS, '-C', dir, '-cf', '-', member], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gzip = spawn('gzip', GZIP_ARGS, { stdio: ['pipe', 'pipe', 'pipe'] });
  const errors: string[] = [];
  tar.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  gzip.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exits = [tar, gzip].map(
    (child) =>
      new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code) => resolve(code ?? 1));
      }),
  );
  let done = 0;
  const started = performance.now();
  let lastLog = started;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      const now = performance.now();
      if (now - lastLog >= progress.everyMs) {
        lastLog = now;
        const percent = Math.min(99, Math.floor((done / expectedBytes) * 100));
        log(`       compressing: ${percent}% (${toMb(done)} of ${toMb(expectedBytes)} MB)`);
      }
      callback(null, chunk);
    },
  });
  await Promise.all([
    pipeline(tar.stdout, counter, gzip.stdin),
    pipeline(gzip.stdout, createWriteStream(out)),
  ]);
  const [tarCode, gzipCode] = await Promise.all(exits);
  if (tarCode !== 0 || gzipCode !== 0)
    throw new Error(`tar exited ${tarCode}, gzip ${gzipCode}: ${errors.join('').trim()}`);
  log(
    `       compressed ${toMb(done)} MB to ${toMb((await stat(out)).size)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Extracts the runtime's node binary from the checked npm tarball into dir; resolves to its path. */
export async function extractRuntimeBinary(
  tarball: Pick<RuntimeTarball, 'file'>,
  dir: string,
): Promise<string> {
  await execa('tar', ['-xzf', tarball.file, '-C', dir, BINARY_IN_TARBALL]);
  return path.join(dir, BINARY_IN_TARBALL);
}

function toMb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
