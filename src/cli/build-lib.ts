// `npm run build:lib [-- --check]`: the committed bundles in lib/ (what a git clone of the
// buildpack stages with), rebuilt from src/; --check only compares, and fails when they differ.
import { parseArgs } from 'node:util';

import { EXIT } from '../common/errors.js';
import { buildLib, readLib, toLibDifferences, writeLib } from '../packaging/committed-lib.js';

import { reportError } from './report-error.js';
import { resolveBuildpackDir } from './version.js';

const USAGE = `Usage: npm run build:lib [-- --check]
Bundles src/ into lib/ (esbuild, reproducible), which is committed: a git clone of the repository
stages with it. --check writes nothing and exits 1 when lib/ is not what src/ builds.`;

async function main(argv: string[]): Promise<number> {
  let values: { check?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return EXIT.failure;
  }
  if (values.help === true) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const repoRoot = resolveBuildpackDir();
  try {
    const built = await buildLib(repoRoot);
    const differences = toLibDifferences(built, await readLib(repoRoot));
    if (values.check === true) {
      if (differences.length === 0) {
        console.log(`lib/ is what src/ builds (${built.size} files)`);
        return EXIT.ok;
      }
      console.error(`       **ERROR** lib/ is not what src/ builds: ${differences.join('; ')}`);
      console.error(
        '       Run `npm run build:lib` and commit lib/ (a git clone of the buildpack stages with it).',
      );
      return EXIT.failure;
    }
    await writeLib(repoRoot, built);
    console.log(
      differences.length === 0
        ? `lib/ was up to date (${built.size} files)`
        : `lib/: ${differences.length} file(s) rewritten: ${differences.join('; ')}`,
    );
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
