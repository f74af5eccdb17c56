// bin/supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX — the platform's supply phase. The four come
// from argv only: the platform does not set DEPS_DIR or DEPS_IDX in the staging environment.
import { EXIT } from '../common/errors.js';
import { readBindings } from '../config/vcap-services.js';
import type { RecordsInputs } from '../staging/records-rules.js';
import { createStagingContext } from '../staging/context.js';
import { installSupervisor } from '../staging/install.js';
import { createConsoleStagingLog } from '../staging/log.js';
import { readSupportedStacks } from '../staging/stacks.js';
import { runSupply } from '../staging/supply.js';

import { reportError } from './report-error.js';
import { readBuildpackVersion, resolveBuildpackDir } from './version.js';

const USAGE = 'Usage: bin/supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX';

async function main(argv: string[]): Promise<number> {
  const log = createConsoleStagingLog();
  const [buildDir, cacheDir, depsDir, depsIdx] = argv;
  if (
    argv.length !== 4 ||
    buildDir === undefined ||
    cacheDir === undefined ||
    depsDir === undefined ||
    depsIdx === undefined
  ) {
    log.error(`bin/supply takes 4 arguments, got ${argv.length}.`, USAGE);
    return EXIT.failure;
  }
  try {
    const buildpackDir = resolveBuildpackDir();
    const result = await runSupply(createStagingContext(buildDir, cacheDir, depsDir, depsIdx), {
      version: readBuildpackVersion(),
      memoryLimit: process.env['MEMORY_LIMIT'],
      stack: { name: process.env['CF_STACK'], supported: await readSupportedStacks(buildpackDir) },
      records: readRecordsInputs(process.env),
      log,
      installSupervisor: (depDir) =>
        installSupervisor(buildpackDir, depDir, process.env['SIDECAR_NODE_RUNTIME']),
    });
    return result.status === 'invalid' ? EXIT.failure : EXIT.ok;
  } catch (error) {
    return reportError(error, (line) => console.log(line));
  }
}

// no top-level await: the packaged bundle is CommonJS
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

/** What staging knows of the records store: the bindings (unknown when VCAP_SERVICES is unreadable) and the env. */
function readRecordsInputs(env: NodeJS.ProcessEnv): RecordsInputs {
  const bindings = readBindings(env);
  return { bindings: Array.isArray(bindings) ? bindings : null, env };
}
