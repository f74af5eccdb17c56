// `npm run bench page`: the supervisor's peak memory when it writes the run's page (report.html) at
// the end of a run whose sidecars each printed 1.2 MB (3 and 50 of them), and again with --upload to
// a radosgw this step starts, the page rewritten before each upload every second for 4 s, against
// the supervisor memory launch.yml declares; the page's size; and the time `sidecars report DIR`
// takes to write it again from the same records. The peak is the kernel's VmHWM over the
// supervisor's whole life.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { startRadosgw } from '../helpers/radosgw.js';
import { writeExecConfig } from './config.js';
import { type BenchStore, closePolls, createBenchStore } from './upload-store.js';
import { scratch, sidecarsArgv, type Row } from './harness.js';
import { DEFAULT_SUPERVISOR_MEMORY_MB } from '../../src/config/schema.js';

const LOG_BYTES = 1_200_000;
const COUNTS = [3, 50];
const SAMPLE_MS = 50;
/** with a store: uploads every second, and the run goes on this long once the logs are written */
const INTERVAL_S = 1;
const INTERVAL_RUN_MS = 4_000;
let runs = 0;

function readHwmMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN; // gone
  }
}

function loggedBytes(dir: string): number {
  let sum = 0;
  for (const file of readdirSync(dir))
    if (file.endsWith('.log') || file.endsWith('.log.tmp') || file.endsWith('.log.prev'))
      sum += statSync(path.join(dir, file)).size;
  return sum;
}

/** One run: `count` sidecars print LOG_BYTES each and idle; stopped once all is written. */
async function runPage(
  count: number,
  store: BenchStore | null,
): Promise<{ peakMb: number; pageBytes: number; writeMs: number }> {
  const dir = scratch('page');
  const artifacts = path.join(dir, 'artifacts');
  const command = `yes 'page bench 2026-01-01T00:00:00.000Z level=info msg="a line of log" n=42' | head -c ${LOG_BYTES}; exec sleep 1000`;
  const sidecars = Array.from({ length: count }, (_, i) => ({ name: `talker-${i}`, command, memoryMb: 16 }));
  const config = writeExecConfig(dir, sidecars, 'process');
  const upload =
    store === null ? [] : [...store.uploadArgs(`page-${++runs}`), '--upload-interval', String(INTERVAL_S)];
  const argv = sidecarsArgv([
    'exec',
    '--for',
    'web',
    '--config',
    config,
    '--artifacts',
    artifacts,
    ...upload,
  ]);
  const child = spawn(argv[0] ?? 'false', argv.slice(1), {
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, ...(store?.env ?? {}), TMPDIR: dir },
  });
  let ended = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then(() => (ended = true));
  const pid = child.pid ?? 0;
  let peakMb = 0;
  let stopping = false;
  let writtenAt = Infinity;
  const deadline = Date.now() + 60_000;
  while (!ended) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const hwm = readHwmMb(pid);
    if (Number.isFinite(hwm)) peakMb = Math.max(peakMb, hwm);
    let written = 0;
    try {
      written = loggedBytes(artifacts);
    } catch {
      // not there yet
    }
    if (written >= count * LOG_BYTES) writtenAt = Math.min(writtenAt, Date.now());
    const wait = store === null ? 0 : INTERVAL_RUN_MS;
    if (!stopping && (Date.now() >= writtenAt + wait || Date.now() > deadline)) {
      stopping = true;
      child.kill('SIGTERM');
    }
  }
  await exited;
  const pageBytes = statSync(path.join(artifacts, 'report.html')).size;
  const t0 = performance.now();
  const again = spawnSync(argv[0] ?? 'false', ['report', artifacts], { stdio: 'ignore' });
  const writeMs = performance.now() - t0;
  if (again.status !== 0) throw new Error(`sidecars report ${artifacts}: exit ${again.status}`);
  return { peakMb, pageBytes, writeMs };
}

/** The supervisor's peak RSS with the page written, for 3 and 50 sidecars of 1.2 MB of log each. */
export async function benchPage(): Promise<Row[]> {
  const rows: Row[] = [];
  const server = await startRadosgw();
  let store: BenchStore | undefined;
  try {
    store = await createBenchStore(server);
    for (const count of COUNTS)
      for (const interval of [false, true]) {
        const how = interval ? `--upload, --upload-interval ${INTERVAL_S}` : '--artifacts';
        const { peakMb, pageBytes, writeMs } = await runPage(count, interval ? store : null);
        process.stderr.write(
          `  page: ${count} × ${LOG_BYTES} B of log, ${how}: supervisor peak RSS ${peakMb.toFixed(1)} MB, page ${pageBytes} B, sidecars report ${writeMs.toFixed(0)} ms\n`,
        );
        rows.push({
          what: `page: supervisor peak RSS, exec ${count} × 1.2 MB logs, ${how}`,
          unit: 'MB',
          samples: [peakMb],
          direct: null,
          target: `≤ ${DEFAULT_SUPERVISOR_MEMORY_MB} MB (declared)`,
        });
        if (interval) continue;
        rows.push(
          {
            what: `page: report.html size, ${count} logs`,
            unit: 'MB',
            samples: [pageBytes / 1048576],
            direct: null,
            target: '≤ 3.3 MB',
          },
          {
            what: `page: sidecars report DIR, ${count} logs`,
            unit: 'ms',
            samples: [writeMs],
            direct: null,
            target: '-',
          },
        );
      }
  } finally {
    store?.s3.destroy();
    closePolls();
    await server.stop();
  }
  return rows;
}
