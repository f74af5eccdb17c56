// V8's optimizing tiers in the supervisor (capOptimizingTiers in src/cli/sidecars.ts): an idle
// exec as shipped, against the same bundles with Maglev, or Maglev and TurboFan, left on. Long
// enough for the tiers to show: TurboFan first compiled the /proc parse after ~20 s.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { getSupervisor, median, readUsage, type Row, scratch, start } from './harness.js';

const SIDECARS = 10;
const SETTLE_MS = 3_000;
const SAMPLE_S = 45;
/** the RSS of a run: the median of its last seconds, once every tier that will run has */
const STEADY_S = 10;
const ROUNDS = 2;
const MB = 1024 * 1024;

const VARIANTS = {
  capped: [],
  'Maglev on': [['"--no-maglev"', '"--maglev"']],
  uncapped: [
    ['"--no-maglev"', '"--maglev"'],
    ['"--no-turbofan"', '"--turbofan"'],
  ],
} satisfies Record<string, Array<[string, string]>>;
type Variant = keyof typeof VARIANTS;

/** A copy of the shipped layout whose CLI bundle sets the given flags instead of the cap's. */
function layoutWith(edits: ReadonlyArray<[string, string]>, name: string): string {
  const from = path.dirname(path.dirname(getSupervisor().shim));
  const dir = scratch(`tiers-${name.replace(/\W/g, '')}`);
  cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
  const cli = path.join(dir, 'lib', 'sidecars.cjs');
  let text = readFileSync(cli, 'utf8');
  for (const [flag, instead] of edits) {
    if (!text.includes(flag))
      throw new Error(`${cli}: no ${flag} to replace: did capOptimizingTiers change?`);
    text = text.replace(flag, instead);
  }
  writeFileSync(cli, text);
  return path.join(dir, 'bin', 'sidecars');
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** One exec with idle sidecars: its steady RSS (MB) and CPU (ms) over the sampled seconds. */
async function measure(shim: string): Promise<{ rssMb: number; cpuMs: number }> {
  const idle = Array.from({ length: SIDECARS }, (_, i) => ({
    name: `idle-${i}`,
    command: 'exec sleep 1000',
    memoryMb: 16,
  }));
  const config = writeExecConfig(scratch('tiers-config'), idle, 'process');
  const r = start(shim, ['exec', '--for', 'web', '--config', config]);
  const pid = r.child.pid ?? 0;
  await settle(SETTLE_MS);
  const before = readUsage(pid);
  const rss: number[] = [];
  for (let i = 0; i < SAMPLE_S; i++) {
    await settle(1_000);
    rss.push(readUsage(pid).rssBytes / MB);
  }
  const after = readUsage(pid);
  r.child.kill('SIGTERM');
  await r.exit;
  return { rssMb: median(rss.slice(-STEADY_S)), cpuMs: after.cpuMs - before.cpuMs };
}

/** Each variant's steady RSS and CPU, runs interleaved, beside the uncapped figure. */
export async function benchTiers(): Promise<Row[]> {
  const names = Object.keys(VARIANTS) as Variant[];
  const shims = new Map(names.map((name) => [name, layoutWith(VARIANTS[name], name)]));
  const rss = new Map<Variant, number[]>(names.map((name) => [name, []]));
  const cpu = new Map<Variant, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const m = await measure(shims.get(name) ?? '');
      rss.get(name)?.push(m.rssMb);
      cpu.get(name)?.push(m.cpuMs);
    }
  }
  return names.flatMap((name): Row[] => [
    {
      what: `exec RSS at ${SAMPLE_S - STEADY_S}–${SAMPLE_S} s, ${SIDECARS} idle sidecars: V8 tiers ${name} (direct: uncapped)`,
      unit: 'MB',
      samples: rss.get(name) ?? [],
      direct: rss.get('uncapped') ?? null,
      target: name === 'capped' ? '≤ 56 MB' : '—',
    },
    {
      what: `exec CPU over ${SAMPLE_S} s, ${SIDECARS} idle sidecars: V8 tiers ${name} (direct: uncapped)`,
      unit: 'ms',
      samples: cpu.get(name) ?? [],
      direct: cpu.get('uncapped') ?? null,
      target: '—',
    },
  ]);
}
