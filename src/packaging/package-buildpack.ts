import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';

import {
  type BuildpackManifest,
  type Dependency,
  findRuntimeDependency,
  readBuildpackManifest,
  toPackagedManifest,
  toPackagedRuntime,
} from './buildpack-manifest.js';
import { bundlePrograms } from './bundle.js';
import { createRuntimeArchive, extractRuntimeBinary, type RuntimeArchive } from './runtime-archive.js';
import { fetchRuntimeTarball, type NpmPack, type RuntimeTarball } from './runtime-tarball.js';
import { writeZip, type ZipEntry } from './zip-write.js';

export const DEFAULT_STACK = 'cflinuxfs4';
const EXECUTABLE = 0o755;
const REGULAR = 0o644;

export interface PackageOptions {
  repoRoot: string;
  outDir: string;
  /** null: --any-stack (no `stack:` in the manifest, no stack in the zip's name) */
  stack: string | null;
  /** where the runtime archive is kept between runs */
  cacheDir: string;
  npmPack: NpmPack;
  log: (line: string) => void;
  /**
   * false (--uncached): no runtime in the zip; staging downloads manifest.yml's `uri` and checks its
   * sha256, as a git clone of the buildpack does. Default true.
   */
  cached?: boolean;
}

export interface PackageResult {
  zipFile: string;
  bytes: number;
  version: string;
  runtime: {
    version: string;
    sourceSha256: string;
    /** the archive a cached zip ships; null in an uncached zip */
    archive: {
      file: string;
      sha256: string;
      bytes: number;
      binarySha256: string;
      binaryBytes: number;
    } | null;
  };
  packages: string[];
}

/**
 * The platform packager's names: sidecar_buildpack-cached-cflinuxfs4-v0.1.0.zip, and without
 * `cached-` for a zip whose dependencies are downloaded at staging.
 */
export function toZipName(version: string, stack: string | null, cached = true): string {
  return `sidecar_buildpack-${cached ? 'cached-' : ''}${stack === null ? '' : `${stack}-`}v${version}.zip`;
}

/** include_files in the zip: every bin/* executable (the platform keeps zip modes), the rest 0644. */
export function toEntryMode(file: string): number {
  return /(^|\/)bin\/[^/]+$/.test(file) ? EXECUTABLE : REGULAR;
}

/**
 * npm run package: the bundled programs, the shims and a manifest.yml that records the runtime's
 * source; a cached zip adds the checked Node.js runtime (stripped) as tar.gz with its sha256, an
 * uncached one keeps the `uri` and `sha256` staging downloads and checks.
 */
export async function packageBuildpack(options: PackageOptions): Promise<PackageResult> {
  const { repoRoot, stack, log } = options;
  const cached = options.cached ?? true;
  const version = (await readFile(path.join(repoRoot, 'VERSION'), 'utf8')).trim();
  const manifest: BuildpackManifest = await readBuildpackManifest(path.join(repoRoot, 'manifest.yml'));
  const dependency = findRuntimeDependency(manifest, stack);
  const work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-package-'));
  try {
    log(`-----> Checking Node.js ${dependency.version} (${dependency.source})`);
    const tarball = await fetchRuntimeTarball(
      dependency,
      path.join(repoRoot, 'package-lock.json'),
      work,
      options.npmPack,
    );
    log(`       source_sha256 ${tarball.sha256}: matches manifest.yml and package-lock.json`);
    const archive = cached ? await makeArchive(dependency, tarball, options.cacheDir, log) : null;
    if (!cached) log(`       not in the zip (--uncached): staging downloads ${dependency.uri ?? '?'}`);

    log('-----> Bundling supply and the supervisor (esbuild); training their code caches on that Node.js');
    const node = await extractRuntimeBinary(tarball, work);
    const bundle = await bundlePrograms(repoRoot, dependency.version, { trainWith: node });
    log(`       ${[...bundle.files.keys()].join(', ')}: ${bundle.packages.length} npm packages inside`);
    const unlisted = [...bundle.files.keys()].filter((file) => !manifest.include_files.includes(file));
    if (unlisted.length > 0) {
      throw new SidecarError(
        'manifest_invalid',
        `the bundles include ${unlisted.join(', ')}, which manifest.yml include_files does not list`,
        `Add ${unlisted.map((file) => `"- ${file}"`).join(', ')} to include_files in manifest.yml.`,
      );
    }

    const runtime = toPackagedRuntime(dependency, archive);
    const entries: ZipEntry[] = [];
    for (const file of manifest.include_files) {
      const data =
        file === 'manifest.yml'
          ? Buffer.from(toPackagedManifest(manifest, stack, runtime, manifest.include_files))
          : (bundle.files.get(file) ?? (await readIncluded(repoRoot, file)));
      entries.push({ name: file, mode: toEntryMode(file), data });
    }
    if (archive !== null)
      entries.push({ name: archive.file, mode: REGULAR, data: await readFile(archive.path), deflate: false });

    const zipFile = path.join(options.outDir, toZipName(version, stack, cached));
    await writeZip(zipFile, entries);
    const bytes = (await stat(zipFile)).size;
    log(`-----> Wrote ${zipFile} (${toMb(bytes)} MB, ${entries.length} files)`);
    return {
      zipFile,
      bytes,
      version,
      runtime: {
        version: dependency.version,
        sourceSha256: tarball.sha256,
        archive:
          archive === null
            ? null
            : {
                file: archive.file,
                sha256: archive.sha256,
                bytes: archive.bytes,
                binarySha256: archive.binarySha256,
                binaryBytes: archive.binaryBytes,
              },
      },
      packages: bundle.packages,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function makeArchive(
  dependency: Dependency,
  tarball: RuntimeTarball,
  cacheDir: string,
  log: (line: string) => void,
): Promise<RuntimeArchive> {
  log(`       stripping bin/node and compressing it (tar | gzip -9): about 20 s, the first time only`);
  const archive = await createRuntimeArchive(dependency, tarball, cacheDir, log);
  log(
    `       ${archive.file} (${toMb(archive.bytes)} MB, sha256 ${archive.sha256}): bin/node ${toMb(archive.binaryBytes)} MB, sha256 ${archive.binarySha256}`,
  );
  return archive;
}

async function readIncluded(repoRoot: string, file: string): Promise<Buffer> {
  try {
    return await readFile(path.join(repoRoot, file));
  } catch (error) {
    throw new SidecarError(
      'manifest_invalid',
      `manifest.yml include_files lists ${file}, which is neither in the checkout nor bundled`,
      undefined,
      { cause: error },
    );
  }
}

function toMb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
