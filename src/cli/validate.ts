// `sidecars validate [PATH]`: the staging validation, offline.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { parseMemory } from '../config/memory.js';
import { EXIT } from '../common/errors.js';
import { readDeclaration } from '../staging/declaration.js';
import { createConsoleStagingLog } from '../staging/log.js';
import { readAppProcfile } from '../staging/procfile.js';
import { reportIssues } from '../staging/report-issues.js';
import { DEFAULT_PROCESS_MEMORY_MB } from '../staging/rules.js';

import { reportError } from './report-error.js';

export const SUMMARY = 'check a sidecars.yml as staging would, offline';

export const HELP = `Usage: sidecars validate [PATH] [--memory SIZE]

Checks PATH (default ./sidecars.yml) exactly as bin/supply does at staging: the schema, the
Procfile beside it, and the sidecars' memory against the app's memory.

Options:
  --memory SIZE  the app's memory (1G, 512M); default $MEMORY_LIMIT, else ${DEFAULT_PROCESS_MEMORY_MB}M
  -h, --help     show this help

Exit status: 0 when the file is valid (warnings allowed), 1 otherwise.`;

export async function main(argv: string[]): Promise<number> {
  const log = createConsoleStagingLog();
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { memory: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    log.error((error as Error).message, 'Run `sidecars validate --help`.');
    return EXIT.failure;
  }
  if (parsed.values.help === true) {
    console.log(HELP);
    return EXIT.ok;
  }
  const filePath = parsed.positionals[0] ?? 'sidecars.yml';
  const memoryText = parsed.values.memory ?? process.env['MEMORY_LIMIT'];
  const memory =
    memoryText === undefined || memoryText === ''
      ? { ok: true as const, memoryMb: DEFAULT_PROCESS_MEMORY_MB }
      : parseMemory(memoryText);
  if (!memory.ok) {
    log.error(`--memory: ${memory.reason}`, 'Write the app memory as 1G or 512M.');
    return EXIT.failure;
  }
  try {
    const declaration = await readDeclaration(filePath, undefined, {
      file: filePath,
      procfile: await readAppProcfile(
        path.join(path.dirname(filePath), 'Procfile'),
        path.join(path.dirname(filePath), 'Procfile'),
      ),
      processMemoryMb: memory.memoryMb,
      processMemorySource:
        memoryText === undefined || memoryText === '' ? 'the platform default' : `memory ${memoryText}`,
    });
    if (declaration.status === 'absent') {
      log.error(
        `${filePath}: no such file`,
        'Pass the path of a sidecars.yml, or run this in the app directory.',
      );
      return EXIT.failure;
    }
    reportIssues(log, declaration.issues);
    if (declaration.status === 'valid') {
      log.detail(
        `${filePath}: valid (${declaration.file.sidecars.length} sidecar${declaration.file.sidecars.length === 1 ? '' : 's'}, layout ${declaration.file.layout})`,
      );
      return EXIT.ok;
    }
    return declaration.status === 'empty' ? EXIT.ok : EXIT.failure;
  } catch (error) {
    return reportError(error);
  }
}
