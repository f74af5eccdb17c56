// Steps 3 and 4 of the `upload` bench: a command's exit → the supervisor's finished event and its
// exit, upload on vs off; and → finished.json readable in the store.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { type Row, scratch, waitFile } from './harness.js';
import { event, idle, isStartUp, type Mode, order, settle, startExec, wallMs, within } from './upload-run.js';
import { type BenchStore, pollHead, waitForKey } from './upload-store.js';

/** exit → finished is a few ms wide, the machine's noise as much: more runs for a steady median */
const EXIT_REPS = 15;
const STORE_REPS = 7;
const HEAD_POLL_MS = 10;
/**
 * The command is let go this long after exec started (and not before the sidecars run and, upload
 * on, the start upload is up), in both modes: the same time to warm up, else off, let go sooner,
 * runs its stop path colder (it measured ~2× slower than on when let go 300 ms after running)
 */
const LET_GO_AFTER_MS = 1_500;

interface ExitTimes {
  toFinishedMs: number;
  toExitMs: number;
  code: number | null;
  /** command exit → finished.json readable in the store (only when asked to watch it) */
  toReadableMs: number | null;
}

/**
 * 3 and 4. A sidecar that stamps $EPOCHREALTIME and exits 7 once the bench lets it (the sidecars
 * running and, upload on, the start upload up), next to one idle sidecar to stop.
 */
async function exitOnce(store: BenchStore, mode: Mode, watchStore: boolean): Promise<ExitTimes> {
  const dir = scratch('upload-exit');
  const go = path.join(dir, 'go');
  const marker = path.join(dir, 'exiting');
  const command = `while [ ! -e ${go} ]; do sleep 0.05; done; echo "$EPOCHREALTIME" > ${marker}; exit 7`;
  const config = writeExecConfig(dir, [{ name: 'main', command, memoryMb: 32 }, ...idle(1)], 'process');
  const { r, prefix } = startExec(store, mode, dir, config);
  const finished = r.firstLine(event('supervisor.finished'));
  const startUp = r.firstLine(isStartUp);
  await within(
    r.firstLine((l) => event('process.running')(l) && l.includes('"proc":"idle-0"')),
    'process.running',
  );
  if (mode === 'on') await within(startUp, 'start upload');
  const finishedKey = watchStore
    ? (await waitForKey(store, prefix, '/started.json')).replace(/started\.json$/, 'finished.json')
    : null;
  await settle(r.t0 + LET_GO_AFTER_MS - performance.now());
  writeFileSync(go, '');
  const stampMs = (): number => Number(readFileSync(marker, 'utf8').replace(',', '.')) * 1000;
  let readableAt: number | null = null;
  if (finishedKey !== null) {
    await waitFile(marker);
    readableAt = await pollHead(store, finishedKey, HEAD_POLL_MS);
  }
  const finishedAt = await within(finished, 'supervisor.finished');
  const end = await r.exit;
  const stamp = stampMs();
  return {
    toFinishedMs: wallMs(finishedAt) - stamp,
    toExitMs: wallMs(end.at) - stamp,
    code: end.code,
    toReadableMs: readableAt === null ? null : readableAt - stamp,
  };
}

export async function benchExit(store: BenchStore): Promise<Row[]> {
  const times: Record<Mode, ExitTimes[]> = { on: [], off: [] };
  for (let i = 0; i < EXIT_REPS; i++)
    for (const mode of order(i)) times[mode].push(await exitOnce(store, mode, false));
  const codes = new Set([...times.on, ...times.off].map((t) => t.code));
  const watched: ExitTimes[] = [];
  for (let i = 0; i < STORE_REPS; i++) watched.push(await exitOnce(store, 'on', true));
  return [
    {
      what: 'command exit → supervisor.finished event, upload on (final upload excluded) (direct: upload off)',
      unit: 'ms',
      samples: times.on.map((t) => t.toFinishedMs),
      direct: times.off.map((t) => t.toFinishedMs),
      target: '≤ 1.05× off',
    },
    {
      what: `command exit → exec exits, upload on, final upload included (direct: upload off; exit codes seen: ${[...codes].join(',')})`,
      unit: 'ms',
      samples: times.on.map((t) => t.toExitMs),
      direct: times.off.map((t) => t.toExitMs),
      target: 'informative, exact code 7',
    },
    {
      what: `command exit → finished.json readable in the store (anonymous HEAD every ${HEAD_POLL_MS} ms, loopback; direct: exec exits, same runs)`,
      unit: 'ms',
      samples: watched.map((t) => t.toReadableMs ?? NaN),
      direct: watched.map((t) => t.toExitMs),
      target: '≤ 1000 ms',
    },
  ];
}
