// `npm run demo`: package the buildpack, stage fixtures/apps/demo with the unzipped zip (as the
// platform would: this buildpack, then a final one), then run the droplet under the supervisor on
// the vendored Node.js until Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';

import { EXIT } from '../common/errors.js';
import { createNpmPack } from '../packaging/npm-pack.js';
import { DEFAULT_STACK, packageBuildpack } from '../packaging/package-buildpack.js';
import { extractZip } from '../packaging/zip-read.js';

import { reportError } from './report-error.js';
import { DEFAULT_FINAL_BUILDPACK } from './stage.js';
import { resolveBuildpackDir } from './version.js';

/** A free loopback port: the demo must not collide with whatever already listens on 8080. */
async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function main(): Promise<number> {
  const repoRoot = resolveBuildpackDir();
  const root = await mkdtemp(path.join(os.tmpdir(), 'sidecars-demo-'));
  try {
    const packaged = await packageBuildpack({
      repoRoot,
      outDir: root,
      stack: DEFAULT_STACK,
      cacheDir: path.join(repoRoot, 'node_modules', '.cache', 'sidecar-buildpack'),
      npmPack: createNpmPack(repoRoot),
      log: (line) => console.log(line),
    });
    const buildpack = path.join(root, 'buildpack');
    await extractZip(packaged.zipFile, buildpack);
    const droplet = path.join(root, 'droplet');
    const stage = await execa(
      path.join(buildpack, 'bin', 'sidecars'),
      [
        'stage',
        path.join(repoRoot, 'fixtures', 'apps', 'demo'),
        '--out',
        droplet,
        '--buildpack',
        buildpack,
        '--buildpack',
        path.join(buildpack, DEFAULT_FINAL_BUILDPACK),
      ],
      { stdio: 'inherit', reject: false },
    );
    if (stage.exitCode !== 0) return stage.exitCode ?? EXIT.failure;
    const port = await findFreePort();
    console.log(
      `-----> Running ${droplet} under the supervisor: http://127.0.0.1:${port}/ (Ctrl-C stops it)`,
    );
    const run = execa(
      path.join(droplet, 'deps', '0', 'bin', 'sidecars'),
      // the live report page on a free loopback port: run prints its address
      ['run', droplet, '--port', String(port), '--status', '127.0.0.1:0'],
      {
        stdio: 'inherit',
        reject: false,
      },
    );
    const forward = (signal: NodeJS.Signals): void => {
      run.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const outcome = await run;
    return outcome.exitCode ?? EXIT.failure;
  } catch (error) {
    return reportError(error);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
