// `npm run bench`: the supervisor's speed and memory, each against a direct run in the same invocation.
import { cpus } from 'node:os';

import { prepareSupervisor, removeScratchDirs, type Row, renderTable } from './harness.js';
import { benchApi } from './api.js';
import { benchPackaging } from './packaging.js';
import { benchFiftyChecked, benchRestartLatency } from './restart.js';
import { benchRuns } from './runs.js';
import { benchRuntimes } from './runtimes.js';
import { benchStory } from './story.js';
import { benchBreach, benchExecRss, benchFifty, gateConfig } from './scenarios-exec.js';
import { benchExecLines, benchFloodRate } from './scenarios-output.js';
import { benchFloodMatrix } from './flood.js';
import { benchPage } from './page.js';
import { benchExitToExit, benchGateLag, benchLaunch, benchLines } from './scenarios-run.js';
import { benchExecLaunch } from './exec-launch.js';
import { benchRunGateLag } from './gate-run.js';
import { benchTiers } from './tiers.js';
import { benchUpload } from './upload.js';

const only = process.argv[2];
const steps: Array<[string, () => Promise<Row | Row[]>]> = [
  ['launch', benchLaunch],
  ['exec-launch', benchExecLaunch],
  ['gate', () => benchGateLag(gateConfig)],
  ['gate-run', benchRunGateLag],
  ['exit', benchExitToExit],
  ['breach', benchBreach],
  ['lines', benchLines],
  ['exec-lines', benchExecLines],
  ['flood', async () => [await benchFloodRate(), ...(await benchFloodMatrix())]],
  ['rss', benchExecRss],
  ['page', benchPage],
  ['fifty', benchFifty],
  ['api', benchApi],
  ['restart', benchRestartLatency],
  ['checks', benchFiftyChecked],
  ['package', benchPackaging],
  ['upload', benchUpload],
  ['runs', benchRuns],
  ['story', benchStory],
  ['runtimes', benchRuntimes],
  ['tiers', benchTiers],
];

const rows: Row[] = [];
let describe: string;
try {
  describe = (await prepareSupervisor()).describe;
  for (const [name, run] of steps) {
    if (only !== undefined && only !== name) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const result = await run();
    rows.push(...(Array.isArray(result) ? result : [result]));
  }
} finally {
  removeScratchDirs();
}
console.log(`${describe}; ${cpus().length} CPU(s): ${cpus()[0]?.model ?? 'unknown'}\n`);
console.log(renderTable(rows));
