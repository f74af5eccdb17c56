// Issue 13: which Node.js line to ship, by measurement. The supervisor is laid out and its code
// caches trained on each candidate, as `npm run package` would for it, then the figures the
// platform sees are taken on each: each row of a newer runtime beside the figure it replaces.
import { execFileSync, spawn } from 'node:child_process';

import { SHIPPED_NODE } from '../helpers/shipped-node.js';
import { type Row, scratch } from './harness.js';
import { fetchNodeBinary, type NodeBinary } from './runtime-binary.js';
import { bareNodeRss, benchExecRss } from './scenarios-exec.js';
import { benchExitToExit, benchLaunch } from './scenarios-run.js';
import { createSupervisor, type Supervisor } from './supervisor-layout.js';

/** The line shipped before, whose figures the others are set beside. */
const REPLACED = '22.23.3';
/** The newer LTS line the shipped one was chosen over. */
const CANDIDATE = '26.12.1';
const STARTUP_REPS = 7;
/** the timings are taken in rounds, each runtime in turn: the machine's noise then hits all alike */
const TIMING_ROUNDS = 3;
const MB = 1024 * 1024;

interface Measure {
  measure: string;
  unit: string;
  target: string;
  samples: number[];
}

/** Wall time of `node -e 0`: the runtime's own start-up, nothing of ours loaded. */
async function bareStartupMs(node: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < STARTUP_REPS; i++) {
    const t0 = performance.now();
    const child = spawn(node, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    out.push(performance.now() - t0);
  }
  return out;
}

type Runtime = { label: string; binary: NodeBinary; sup: Supervisor };

/** The figures that need no interleaving: memory (settled, not racing the machine) and sizes. */
async function measureMemory({ binary, sup }: Runtime): Promise<Measure[]> {
  const [one, ten] = await benchExecRss(sup);
  return [
    { measure: 'steady RSS (exec, 1 sidecar)', unit: 'MB', target: '≤ 56 MB', samples: one?.samples ?? [] },
    { measure: 'steady RSS (exec, 10 sidecars)', unit: 'MB', target: '≤ 56 MB', samples: ten?.samples ?? [] },
    { measure: 'bare node RSS (idle)', unit: 'MB', target: '—', samples: await bareNodeRss(sup) },
    { measure: 'binary, stripped', unit: 'MB', target: '—', samples: [binary.bytes / MB] },
    { measure: 'binary, gzip -6 (droplet cost)', unit: 'MB', target: '—', samples: [binary.gzipBytes / MB] },
  ];
}

/** One round of the timings; the caller interleaves rounds across runtimes, so noise hits all alike. */
async function measureTimes({ binary, sup }: Runtime): Promise<Measure[]> {
  const launch = await benchLaunch(sup);
  const [exit] = await benchExitToExit(sup);
  if (exit === undefined) throw new Error('benchExitToExit gave no row');
  const codes = /exit codes ([^;]*);/.exec(exit.what)?.[1] ?? '?';
  return [
    { measure: 'start-up (node -e 0)', unit: 'ms', target: '—', samples: await bareStartupMs(binary.node) },
    { measure: 'launch → first line (run)', unit: 'ms', target: launch.target, samples: launch.samples },
    {
      measure: `command exit → exec exit, one of two (codes: ${codes})`,
      unit: 'ms',
      target: exit.target,
      samples: exit.samples,
    },
  ];
}

/** Appends a round's samples to those of the same measure. */
function merge(into: Measure[], round: Measure[]): Measure[] {
  if (into.length === 0) return round;
  return into.map((m, i) => {
    const next = round[i];
    // a measure's name may carry what a round saw (exit codes): keep every different one
    const measure =
      next === undefined || m.measure.includes(next.measure) ? m.measure : `${m.measure} / ${next.measure}`;
    return { ...m, measure, samples: [...m.samples, ...(next?.samples ?? [])] };
  });
}

/**
 * The replaced, the shipped and the candidate Node.js, each from the npm registry and stripped
 * (runtime-binary.ts): the supervisor's steady RSS, launch → first line, command exit → exit, the
 * bare runtime's RSS and start-up, and the binary's size in the droplet. Rows are grouped by
 * measure; `direct` holds the replaced runtime's figure for the same measure.
 */
export async function benchRuntimes(): Promise<Row[]> {
  const shipped = execFileSync(SHIPPED_NODE, ['--version'], { encoding: 'utf8' }).trim().slice(1);
  const runtimes: Runtime[] = [];
  for (const version of [REPLACED, shipped, CANDIDATE]) {
    const role = version === REPLACED ? ' (replaced)' : version === shipped ? ' (shipped)' : '';
    const binary = await fetchNodeBinary(version);
    const sup = await createSupervisor(binary.node, scratch(`node-${version}`));
    runtimes.push({ label: `Node.js ${version}${role}`, binary, sup });
  }
  const measured = new Map<Runtime, Measure[]>();
  for (const runtime of runtimes) {
    process.stderr.write(`bench: runtimes: ${runtime.label}: memory…\n`);
    measured.set(runtime, await measureMemory(runtime));
  }
  const times = new Map<Runtime, Measure[]>(runtimes.map((r) => [r, []]));
  for (let round = 0; round < TIMING_ROUNDS; round++) {
    for (const runtime of runtimes) {
      process.stderr.write(`bench: runtimes: ${runtime.label}: timings, round ${round + 1}…\n`);
      times.set(runtime, merge(times.get(runtime) ?? [], await measureTimes(runtime)));
    }
  }
  const all = runtimes.map((r) => ({
    label: r.label,
    measures: [...(measured.get(r) ?? []), ...(times.get(r) ?? [])],
  }));
  const baseline = all[0]?.measures ?? [];
  return baseline.flatMap((base, i) =>
    all.map(({ label, measures }, j): Row => {
      const m = measures[i] ?? base;
      return {
        what: `${label}: ${m.measure}`,
        unit: m.unit,
        samples: m.samples,
        direct: j === 0 ? null : base.samples,
        target: m.target,
      };
    }),
  );
}
