// Bench figures for packaging and staging (issues 4, 13 and 21): zip sizes, cached and uncached; the
// staging overhead, droplet and cache sizes against a staging of the same app without this
// buildpack; bin/supply's wall time, of the cached zip and of the uncached one (the runtime from a
// loopback mirror, as a git clone gets it); the supervisor's start time on the vendored Node.js.
// Run: npm run bench:package.
import { createReadStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { execa } from 'execa';

import { createNpmPack } from '../../src/packaging/npm-pack.js';
import { DEFAULT_STACK, packageBuildpack } from '../../src/packaging/package-buildpack.js';
import { extractZip } from '../../src/packaging/zip-read.js';

import { renderTable, type Row } from './harness.js';
import { startHttpFixtureServer } from '../helpers/http-fixture-server.js';
import { SIDECARS_JS } from '../helpers/run-sidecars.js';
import { copyRuntimeTarball } from '../helpers/runtime-tarball.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RUNS = 3;
const START_RUNS = 5;
const MB = 1024 * 1024;

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Packages once (reusing the runtime archive cache), then stages the same app with and without
 * the zip, each packed as the platform's builder packs the droplet and the cache (`sidecars stage
 * --sizes`), and starts the supervisor from the droplet.
 */
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
    await mkdir(path.join(root, 'uncached'));
    const uncached = await packageBuildpack({
      repoRoot: REPO_ROOT,
      outDir: path.join(root, 'uncached'),
      stack: DEFAULT_STACK,
      cacheDir: path.join(REPO_ROOT, 'node_modules', '.cache', 'sidecar-buildpack'),
      npmPack: createNpmPack(REPO_ROOT),
      log: () => undefined,
      cached: false,
    });
    const uncachedBuildpack = path.join(root, 'uncached-buildpack');
    await extractZip(uncached.zipFile, uncachedBuildpack);
    // the runtime's npm tarball, served on loopback: what a clone or an uncached zip downloads
    await mkdir(path.join(root, 'mirror'));
    const tarball = await copyRuntimeTarball(path.join(root, 'mirror'));
    const mirror = await startHttpFixtureServer((_req, res, url) => {
      if (url.pathname !== `/${tarball.name}`) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200);
      createReadStream(tarball.file).pipe(res);
    });
    const mirrorEnv = { SIDECARS_RUNTIME_MIRROR: mirror.origin };
    const app = path.join(REPO_ROOT, 'fixtures', 'apps', 'grouped-web');
    const final = path.join(REPO_ROOT, 'fixtures', 'buildpacks', 'procfile');

    const stage = async (
      name: string,
      buildpacks: string[],
      env: Record<string, string> = {},
    ): Promise<Staged> => {
      const out = path.join(root, name);
      const started = process.hrtime.bigint();
      const result = await execa(
        process.execPath,
        [
          SIDECARS_JS,
          'stage',
          app,
          '--out',
          out,
          '--sizes',
          ...buildpacks.flatMap((b) => ['--buildpack', b]),
          ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
        ],
        { env: { CF_STACK: DEFAULT_STACK } },
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const staged = {
        ms,
        droplet: readPacked(result.stdout, 'droplet'),
        cache: readPacked(result.stdout, 'build artifacts cache'),
      };
      await rm(out, { recursive: true, force: true });
      return staged;
    };
    const ours: Staged[] = [];
    const without: Staged[] = [];
    const oursUncached: Staged[] = [];
    await stage('warm-up', [final]);
    for (let run = 0; run < RUNS; run += 1) {
      without.push(await stage(`without-${run}`, [final]));
      ours.push(await stage(`with-${run}`, [packaged.zipFile, final]));
      oursUncached.push(await stage(`uncached-${run}`, [uncached.zipFile, final], mirrorEnv));
    }
    const supplyMs: number[] = [];
    const uncachedSupplyMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      supplyMs.push(await timeSupply(buildpack, app, path.join(root, `supply-${run}`), run === 0));
      uncachedSupplyMs.push(
        await timeSupply(uncachedBuildpack, app, path.join(root, `supply-uncached-${run}`), false, mirrorEnv),
      );
    }
    await mirror.close();
    const vendored = path.join(root, 'supply-0', 'deps', '0', 'node', 'bin', 'node');
    const starts = await timeStarts(path.join(root, 'supply-0', 'deps', '0', 'bin', 'sidecars'));
    const bare: number[] = [];
    for (let i = 0; i < START_RUNS; i += 1) bare.push(await timeMs(() => execa(vendored, ['-e', ''])));
    const single = (what: string, value: number, unit: string, target = '—'): Row => ({
      what,
      unit,
      samples: [value],
      direct: null,
      target,
    });
    const delta = (pick: (s: Staged) => number, staged = ours): number[] =>
      staged.map((s, i) => pick(s) - pick(without[i] ?? s));
    return [
      single(
        'zip size',
        round(packaged.bytes / MB),
        'MB',
        '≤ 45 MB (was 29 with xz: gzip is 13 MB more, 1.2 s less per staging)',
      ),
      single(
        'runtime archive in the zip (stripped node, tar.gz)',
        round((packaged.runtime.archive?.bytes ?? 0) / MB),
        'MB',
      ),
      single('uncached zip size (--uncached: no runtime)', round(uncached.bytes / MB), 'MB'),
      single('runtime download of a clone or an uncached zip (npm tarball)', round(tarball.bytes / MB), 'MB'),
      single('bundles (lib/*.cjs)', round((await bundleBytes(buildpack)) / MB), 'MB'),
      single('npm run package (runtime archive cached)', Math.round(packageMs), 'ms'),
      {
        what: 'staging overhead: stage + pack droplet and cache (with the zip − without)',
        unit: 's',
        samples: delta((s) => s.ms / 1000),
        direct: null,
        target: '≤ 6 s (was 11–14 s on the platform)',
      },
      {
        what: 'droplet, tar -czf (with the zip − without)',
        unit: 'MB',
        samples: delta((s) => s.droplet.bytes / MB),
        direct: null,
        target: '≤ +40 MB (was +44.7)',
      },
      {
        what: 'packing the droplet (with the zip − without)',
        unit: 's',
        samples: delta((s) => s.droplet.ms / 1000),
        direct: null,
        target: '—',
      },
      {
        what: 'build artifacts cache, tar -czf (with the zip − without)',
        unit: 'MB',
        samples: delta((s) => s.cache.bytes / MB),
        direct: null,
        target: '≤ +1 MB (was +44)',
      },
      {
        what: 'bin/supply',
        unit: 'ms',
        samples: supplyMs,
        direct: null,
        target: '— (was 2000 cold, 400 warm)',
      },
      {
        what: 'bin/supply, uncached zip: download from a loopback mirror, sha256, extract',
        unit: 'ms',
        samples: uncachedSupplyMs,
        direct: null,
        target: '—',
      },
      {
        what: 'staging overhead, uncached zip (with it − without)',
        unit: 's',
        samples: delta((s) => s.ms / 1000, oursUncached),
        direct: null,
        target: '—',
      },
      {
        what: 'droplet, tar -czf, uncached zip (with it − without): node unstripped',
        unit: 'MB',
        samples: delta((s) => s.droplet.bytes / MB, oursUncached),
        direct: null,
        target: '—',
      },
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

interface Staged {
  ms: number;
  droplet: { bytes: number; ms: number };
  cache: { bytes: number; ms: number };
}

/** `       droplet 39.8 MB (41750466 bytes, 6.5 s)` from `sidecars stage --sizes`. */
function readPacked(stdout: string, what: string): { bytes: number; ms: number } {
  const match = new RegExp(`^ +${what} [\\d.]+ MB \\((\\d+) bytes, ([\\d.]+) s\\)$`, 'm').exec(stdout);
  if (match === null) throw new Error(`sidecars stage --sizes printed no ${what} size:\n${stdout}`);
  return { bytes: Number(match[1]), ms: Number(match[2]) * 1000 };
}

/** bin/supply alone, on a fresh layout; the first one is kept for the start-up figures. */
async function timeSupply(
  buildpack: string,
  app: string,
  stageRoot: string,
  keep: boolean,
  env: Record<string, string> = {},
): Promise<number> {
  await cp(app, path.join(stageRoot, 'build'), { recursive: true });
  await mkdir(path.join(stageRoot, 'deps', '0'), { recursive: true });
  await mkdir(path.join(stageRoot, 'cache'), { recursive: true });
  const ms = await timeMs(() =>
    execa(
      path.join(buildpack, 'bin', 'supply'),
      [path.join(stageRoot, 'build'), path.join(stageRoot, 'cache'), path.join(stageRoot, 'deps'), '0'],
      { env: { CF_STACK: DEFAULT_STACK, MEMORY_LIMIT: '1G', ...env } },
    ),
  );
  if (!keep) await rm(stageRoot, { recursive: true, force: true });
  return ms;
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
