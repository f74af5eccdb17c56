// `npm run package [-- --stack S | --any-stack] [--uncached] [--out DIR]`: builds the buildpack zip.
import { parseArgs } from 'node:util';
import path from 'node:path';

import { EXIT } from '../common/errors.js';
import { createNpmPack } from '../packaging/npm-pack.js';
import { DEFAULT_STACK, packageBuildpack } from '../packaging/package-buildpack.js';

import { reportError } from './report-error.js';
import { resolveBuildpackDir } from './version.js';

const USAGE = `Usage: npm run package -- [--stack cflinuxfs4 | --stack cflinuxfs5 | --any-stack] [--uncached] [--out DIR]
--uncached: no Node.js runtime in the zip (sidecar_buildpack-<stack>-v<version>.zip): staging
downloads it from manifest.yml's uri, or SIDECARS_RUNTIME_MIRROR, and checks its sha256.`;

async function main(argv: string[]): Promise<number> {
  let values: { stack?: string; 'any-stack'?: boolean; uncached?: boolean; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: 'string' },
        'any-stack': { type: 'boolean' },
        uncached: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EXIT.failure;
  }
  if (values.help === true) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (values.stack !== undefined && values['any-stack'] === true) {
    console.error(`--stack and --any-stack exclude each other.\n${USAGE}`);
    return EXIT.failure;
  }
  const repoRoot = resolveBuildpackDir();
  try {
    await packageBuildpack({
      repoRoot,
      outDir: path.resolve(values.out ?? repoRoot),
      stack: values['any-stack'] === true ? null : (values.stack ?? DEFAULT_STACK),
      cacheDir: path.join(repoRoot, 'node_modules', '.cache', 'sidecar-buildpack'),
      npmPack: createNpmPack(repoRoot),
      log: (line) => console.log(line),
      cached: values.uncached !== true,
    });
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
