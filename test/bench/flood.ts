// `npm run bench flood [FILTER]`: the supervisor's peak memory under an output flood, against the
// supervisor memory launch.yml declares (sidecars.yml `supervisor.memory`, default 64M). Every
// sidecar writes flat out; the reader of the supervisor's stdout is stalled (reads nothing for a
// while), slow (8 KB/s), /dev/null or a file. `run` prefixes the lines of a nested exec, whose own
// peak is a row of its own. FILTER keeps the rows whose name contains it ("run, 50").
import { type FloodMode, type FloodPeak, type FloodReader, type FloodWriter, runFlood } from './flood-run.js';
import type { Row } from './harness.js';
import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../../src/config/schema.js';

/** what launch.yml declares for the supervisor by default (sidecars.yml `supervisor.memory`) */
const DECLARED_MB = DEFAULT_SUPERVISOR_MEMORY_MB;
const MODES: FloodMode[] = ['exec', 'run'];
const COUNTS = [5, 50];
const WRITERS: FloodWriter[] = ['short lines', 'long lines', 'binary'];
const READERS: FloodReader[] = ['stalled', 'slow', '/dev/null', 'file'];

function toRow(what: string, peak: FloodPeak): Row {
  return {
    what: `${what} (peak PSS ${peak.pssMb.toFixed(1)} MB)`,
    unit: 'MB',
    samples: [peak.rssMb],
    direct: null,
    target: `≤ ${DECLARED_MB} MB (declared)`,
  };
}

/** Every mode × sidecar count × writer × reader (or those FILTER names): one flood each. */
export async function benchFloodMatrix(filter: string | undefined = process.argv[3]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const mode of MODES)
    for (const count of COUNTS)
      for (const writer of WRITERS)
        for (const reader of READERS) {
          const what = `flood peak RSS: ${mode}, ${count} × ${writer} → ${reader}`;
          if (filter !== undefined && !what.includes(filter)) continue;
          const { supervisor, nested } = await runFlood(mode, writer, count, reader);
          process.stderr.write(
            `  ${what}: RSS ${supervisor.rssMb.toFixed(1)} MB, PSS ${supervisor.pssMb.toFixed(1)} MB` +
              (nested === null
                ? '\n'
                : `; nested exec RSS ${nested.rssMb.toFixed(1)} MB, PSS ${nested.pssMb.toFixed(1)} MB\n`),
          );
          rows.push(toRow(what, supervisor));
          if (nested !== null) rows.push(toRow(`${what}, its nested exec`, nested));
        }
  return rows;
}
