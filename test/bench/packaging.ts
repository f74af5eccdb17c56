// Bench figures for packaging (issue 4): zip size, bin/supply wall time with a cold and a warm
// CACHE_DIR, and the supervisor's start time on the vendored Node.js. Run: npm run bench:package.
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { execa } from 'execa';

import { createNpmPack } from '../../src/packaging/npm-pack.js';
import { DEFAULT_STACK, packageBuildpack } from '../../src/packaging/package-buildpack.js';
import { extractZip } from '../../src/packaging/zip-read.js';

import { renderTable, type Row } from './harness.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNS = 3;
const START_RUNS = 5;
const MB = 1024 * 1024;

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Packages once (reusing the runtime archive cache), then stages and starts from the unzipped zip. */
export async function benchPackaging(): Promise<Row[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-bench-package-'));
  try {
    let packaged: Awaited<ReturnType<typeof packageBuildpack>> | undefined;
    const packageMs = await timeMs(async () => {
      packaged = await packageBuildpack({
        repoRoot: REPO_ROOT,
        outDir: root,
        stack: DEFAULT_STACK,
        cacheDir: path.join(REPO_ROOT, 'node_modules', '.cache', 'sidecar-buildpack'),
        npmPack: createNpmPack(REPO_ROOT),
        log: () => undefined,
      });
    });
    if (packaged === undefined) throw new Error('packaging returned nothing');
    const buildpack = path.join(root, 'buildpack');
    await extractZip(packaged.zipFile, buildpack);
    const app = path.join(REPO_ROOT, 'fixtures', 'apps', 'grouped-web');

    const supply = async (run: number, cache: string): Promise<number> => {
      const stageRoot = path.join(root, `stage-${run}-${path.basename(cache)}`);
      await cp(app, path.join(stageRoot, 'build'), { recursive: true });
      await mkdir(path.join(stageRoot, 'deps', '0'), { recursive: true });
      await mkdir(cache, { recursive: true });
      const ms = await timeMs(() =>
        execa(
          path.join(buildpack, 'bin', 'supply'),
          [path.join(stageRoot, 'build'), cache, path.join(stageRoot, 'deps'), '0'],
          {
            env: { CF_STACK: DEFAULT_STACK, MEMORY_LIMIT: '1G' },
          },
        ),
      );
      if (run === 0 && path.basename(cache).startsWith('warm')) {
        const shim = path.join(stageRoot, 'deps', '0', 'bin', 'sidecars');
        starts.push(...(await timeStarts(shim)));
      } else {
        await rm(stageRoot, { recursive: true, force: true });
      }
      return ms;
    };
    const starts: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const warmCache = path.join(root, 'warm-cache');
    await supply(-1, warmCache);
    for (let run = 0; run < RUNS; run += 1) {
      cold.push(await supply(run, path.join(root, `cold-cache-${run}`)));
      warm.push(await supply(run, warmCache));
    }
    const vendored = path.join(root, 'stage-0-warm-cache', 'deps', '0', 'node', 'bin', 'node');
    const bare: number[] = [];
    for (let i = 0; i < START_RUNS; i += 1) bare.push(await timeMs(() => execa(vendored, ['-e', ''])));
    const single = (what: string, value: number, unit: string, target = '—'): Row => ({
      what,
      unit,
      samples: [value],
      direct: null,
      target,
    });
    return [
      single('zip size', round(packaged.bytes / MB), 'MB', '≤ 35 MB'),
      single('runtime archive in the zip (node, tar.xz)', round(packaged.runtime.bytes / MB), 'MB'),
      single('bundles (lib/*.cjs)', round((await bundleBytes(buildpack)) / MB), 'MB'),
      single('npm run package (runtime archive cached)', Math.round(packageMs), 'ms'),
      { what: 'bin/supply, cold CACHE_DIR', unit: 'ms', samples: cold, direct: null, target: '≤ 3000 ms' },
      { what: 'bin/supply, warm CACHE_DIR', unit: 'ms', samples: warm, direct: null, target: '≤ 1000 ms' },
      {
        what: 'supervisor start on the vendored Node.js (sidecars --version; direct: node -e "")',
        unit: 'ms',
        samples: starts,
        direct: bare,
        target: '—',
      },
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function timeStarts(shim: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < START_RUNS; i += 1) times.push(await timeMs(() => execa(shim, ['--version'])));
  return times;
}

async function bundleBytes(buildpack: string): Promise<number> {
  let total = 0;
  for (const file of await readdir(path.join(buildpack, 'lib')))
    if (file.endsWith('.cjs')) total += (await stat(path.join(buildpack, 'lib', file))).size;
  return total;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(renderTable(await benchPackaging()));
}
