// lib/ is committed, so that a git clone of the repository is a working buildpack (the platform
// stages straight from a clone): the bundles esbuild makes of src/ and bundle.json, and nothing
// trained (the V8 code caches are made per runtime by `npm run package`). `npm run build:lib`
// writes them; its --check (CI) fails when they are not what src/ builds now.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { findRuntimeDependency, readBuildpackManifest } from './buildpack-manifest.js';
import { BUNDLE_DIR, bundlePrograms } from './bundle.js';

/** What build:lib makes and owns in lib/; anything else there (install-runtime.sh) is written by hand. */
const BUILT = /\.(cjs|v8cache)$|^bundle\.json$/;

export function isBuiltLibFile(name: string): boolean {
  return BUILT.test(name);
}

/** The files lib/ must hold, by their path in the repository (lib/supply.cjs), built from src/. */
export async function buildLib(repoRoot: string): Promise<Map<string, Uint8Array>> {
  const manifest = await readBuildpackManifest(path.join(repoRoot, 'manifest.yml'));
  const { version } = findRuntimeDependency(manifest, null);
  return (await bundlePrograms(repoRoot, version)).files;
}

/** The built files lib/ holds now. */
export async function readLib(repoRoot: string): Promise<Map<string, Uint8Array>> {
  const dir = path.join(repoRoot, BUNDLE_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = new Map<string, Uint8Array>();
  for (const name of names.filter(isBuiltLibFile).sort())
    files.set(`${BUNDLE_DIR}/${name}`, await readFile(path.join(dir, name)));
  return files;
}

/** How lib/ differs from a fresh build: one line per file, [] when they are the same bytes. */
export function toLibDifferences(
  built: ReadonlyMap<string, Uint8Array>,
  committed: ReadonlyMap<string, Uint8Array>,
): string[] {
  const lines: string[] = [];
  for (const [file, data] of built) {
    const have = committed.get(file);
    if (have === undefined) lines.push(`${file} is missing`);
    else if (!Buffer.from(have).equals(data)) lines.push(`${file} differs from a fresh build`);
  }
  for (const file of committed.keys())
    if (!built.has(file)) lines.push(`${file} is not built from src/ any more`);
  return lines;
}

/** Writes the built files into lib/ and removes the built files that are no longer made. */
export async function writeLib(repoRoot: string, built: ReadonlyMap<string, Uint8Array>): Promise<void> {
  for (const file of (await readLib(repoRoot)).keys())
    if (!built.has(file)) await rm(path.join(repoRoot, file), { force: true });
  for (const [file, data] of built) await writeFile(path.join(repoRoot, file), data);
}
