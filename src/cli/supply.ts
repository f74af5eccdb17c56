// bin/supply BUILD_DIR CACHE_DIR DEPS_DIR DEPS_IDX — the platform's supply phase. The four come
// from argv only: the platform does not set DEPS_DIR or DEPS_IDX in the staging environment.
import { readFileSync } from 'node:fs';

import { EXIT } from '../common/errors.js';
import { parseVcapServices } from '../config/store-binding.js';
import type { RecordsInputs } from '../staging/records-rules.js';
import { createStagingContext } from '../staging/context.js';
import { installSupervisor } from '../staging/install.js';
import { createConsoleStagingLog } from '../staging/log.js';
import { runSupply } from '../staging/supply.js';

import { reportError } from './report.js';
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

/** VCAP_SERVICES (or the file VCAP_SERVICES_FILE_PATH names) and the AWS_* variables of the staging environment. */
function readRecordsInputs(env: NodeJS.ProcessEnv): RecordsInputs {
  let text = env['VCAP_SERVICES'];
  const file = env['VCAP_SERVICES_FILE_PATH'];
  if ((text === undefined || text === '') && file !== undefined && file !== '') {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
  }
  const parsed = text === undefined || text === '' ? null : parseVcapServices(text);
  return { bindings: parsed?.ok === true ? parsed.value : parsed === null ? [] : null, env };
}
