// A command's exit → `sidecars exec`'s exit, as the peer benchmark measures it (../shared/bench:
// `death` and `death-solo`): `exec --for web` of sidecars with a 16 MB memory limit each, TMPDIR
// set (the state API's socket goes there). The dying command stamps the time itself as its last
// act before `exit 3` ($EPOCHREALTIME, a bash builtin: no child, microseconds); the end is Node.js's
// exit event for the process this bench spawned, on the same wall clock.
//   death:      it and `sleep 1000` → exec stops the sleep, exits 3; floor: a bash script
//               (`cmd & sleep 1000 & wait -n; kill 0; exit $rc`, the peer benchmark's bash row)
//   death-solo: it alone; floor: the command run directly
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { type Row, scratch, start, startSidecars } from './harness.js';
import type { Supervisor } from './supervisor-layout.js';

/** exit → exit is a few ms wide and the machine's noise a few ms too: more runs for a steady median */
const EXIT_REPS = 15;
const DIE_CODE = 3;

const wallMs = (at: number): number => performance.timeOrigin + at;
const stampMs = (file: string): number => Number(readFileSync(file, 'utf8').replace(',', '.')) * 1000;

/** Whether `pid` still exists (a zombie counts: nothing must be left of it). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Sample {
  ms: number;
  code: number | null;
  /** the other command's pid, still there when the supervisor had exited */
  left: boolean;
}

async function runOnce(
  mode: 'exec' | 'floor',
  withOther: boolean,
  sup: Supervisor | undefined,
): Promise<Sample> {
  const dir = scratch('exit');
  const marker = path.join(dir, 'exiting');
  const otherPid = path.join(dir, 'other.pid');
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  const dying = `sleep 0.2; echo "$EPOCHREALTIME" > ${marker}; exit ${DIE_CODE}`;
  const other = `echo $BASHPID > ${otherPid}; exec sleep 1000`;
  let run;
  if (mode === 'exec') {
    const sidecars = [{ name: 'main', command: dying, memoryMb: 16 }];
    if (withOther) sidecars.push({ name: 'side', command: other, memoryMb: 16 });
    const config = writeExecConfig(dir, sidecars, 'process');
    run = startSidecars(['exec', '--for', 'web', '--config', config], { TMPDIR: tmp }, sup);
  } else if (withOther) {
    const script = path.join(dir, 'run.sh');
    writeFileSync(
      script,
      `trap 'trap "" TERM INT; kill 0; exit 143' TERM INT\n(${dying}) &\n(${other}) &\nwait -n\nrc=$?\ntrap '' TERM INT\nkill 0\nexit $rc\n`,
    );
    run = start('setsid', ['bash', script]);
  } else {
    run = start('bash', ['-c', dying]);
  }
  const end = await run.exit;
  const left = withOther && isAlive(Number(readFileSync(otherPid, 'utf8')));
  if (left) process.kill(Number(readFileSync(otherPid, 'utf8')), 'SIGKILL');
  return { ms: wallMs(end.at) - stampMs(marker), code: end.code, left };
}

async function benchOne(withOther: boolean, sup: Supervisor | undefined): Promise<Row> {
  const samples: number[] = [];
  const direct: number[] = [];
  const codes = new Set<number | null>();
  let left = 0;
  for (let i = 0; i < EXIT_REPS; i++) {
    direct.push((await runOnce('floor', withOther, undefined)).ms);
    const ours = await runOnce('exec', withOther, sup);
    samples.push(ours.ms);
    codes.add(ours.code);
    if (ours.left) left += 1;
  }
  const seen = `exit codes ${[...codes].join(',')}; left running: ${left}`;
  return withOther
    ? {
        what: `one of two dies → exec exit (death; ${seen}) vs a bash script`,
        unit: 'ms',
        samples,
        direct,
        target: `≤ 3× bash, code ${DIE_CODE}, none left`,
      }
    : {
        what: `the only one dies → exec exit (death-solo; ${seen}) vs direct`,
        unit: 'ms',
        samples,
        direct,
        target: `≤ concurrently's (peer bench), code ${DIE_CODE}`,
      };
}

/** Both rows: death (a sidecar to stop, against bash) and death-solo (against a direct run). */
export async function benchExitToExit(sup?: Supervisor): Promise<Row[]> {
  return [await benchOne(true, sup), await benchOne(false, sup)];
}
