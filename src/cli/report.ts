// `sidecars report DIR`: (re)writes DIR/report.html, the run's page, from the records in DIR, and
// prints its path.
import { statSync } from 'node:fs';
import path from 'node:path';

import { BYTE_SIZE_HINT, parseByteSize } from '../config/byte-size.js';
import { SidecarError } from '../common/errors.js';
import { writeReport } from '../report/write-report.js';
import { readCensor } from '../supervisor/secrets/censor.js';
import { parseCommandArgs } from './command-args.js';

export const SUMMARY = "write a run records dir's page, report.html";

export const HELP = `Usage: sidecars report DIR [--log-tail SIZE]

(Re)writes DIR/report.html from the run records in DIR (what --artifacts wrote, or a run
downloaded from the store) and prints its path. The page is one self-contained file: the
run's header, a timeline of every process, memory against each limit, and each log's tail.
It loads nothing: open it from the disk in any browser. Every secret of this environment is
masked besides (the records hold none already).

Options:
  --log-tail SIZE  the most of each log the page embeds (default 1M, records.log_tail's)
  -h, --help       show this help

Exit status: 0 when the page was written; 1 otherwise (DIR missing, or no run records in it).`;

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'report',
    argv,
    { 'log-tail': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  try {
    const [dir] = positionals;
    if (dir === undefined || positionals.length > 1) {
      throw new SidecarError('usage', 'report takes one DIR', 'Run `sidecars report --help`.');
    }
    let logTailBytes: number | null = null;
    if (values['log-tail'] !== undefined) {
      const size = parseByteSize(values['log-tail']);
      if (!size.ok) throw new SidecarError('usage', `--log-tail: ${size.reason}`, BYTE_SIZE_HINT);
      logTailBytes = size.bytes;
    }
    const isDir = (() => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return null;
      }
    })();
    if (isDir === null) {
      throw new SidecarError('usage', `${dir}: no such directory`, 'Give the --artifacts DIR of a run.');
    }
    if (!isDir) {
      throw new SidecarError('usage', `${dir} is not a directory`, 'Give the --artifacts DIR of a run.');
    }
    const file = await writeReport(path.resolve(dir), { logTailBytes, censor: readCensor([process.env]) });
    console.log(file);
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars report: ${error.message}${error.hint !== undefined ? `\n${error.hint}` : ''}`);
    return 1;
  }
}
