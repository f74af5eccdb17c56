import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
  getSupervisor,
  makePlainDroplet,
  median,
  PROCS,
  type Row,
  scratch,
  sidecarsArgv,
  start,
  startSidecars,
  waitFile,
} from './harness.js';
import type { Supervisor } from './supervisor-layout.js';

const REPS = 7;

/** a command's exit → exec's exit, as the peer benchmark's death and death-solo (exit.ts) */
export { benchExitToExit } from './exit.js';

/** launch → the main process's first output line, `run` vs `bash -c` directly. */
export async function benchLaunch(sup: Supervisor = getSupervisor()): Promise<Row> {
  const command = 'echo first; exec sleep 1000';
  const droplet = makePlainDroplet(scratch('launch'), { worker: command });
  const samples: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const d = start('bash', ['-c', command]);
    direct.push((await d.firstLine((l) => l === 'first')) - d.t0);
    d.child.kill('SIGKILL');
    await d.exit;
    const r = startSidecars(['run', droplet, '--process', 'worker'], {}, sup);
    samples.push((await r.firstLine((l) => l === '[APP/PROC/WORKER/0] OUT first')) - r.t0);
    r.child.kill('SIGTERM');
    await r.exit;
  }
  return { what: 'launch → first line (run)', unit: 'ms', samples, direct, target: '≤ 100 ms' };
}

/** Runs a command with stdout to a file; resolves with the time it took and the file's text. */
async function timeToFile(file: string, args: string[]): Promise<{ ms: number; text: string }> {
  const fd = openSync(file, 'w');
  const t0 = performance.now();
  const child = spawn(args[0] ?? 'false', args.slice(1), { stdio: ['ignore', fd, 'ignore'] });
  await new Promise((resolve) => child.once('exit', resolve));
  const ms = performance.now() - t0;
  closeSync(fd);
  return { ms, text: readFileSync(file, 'utf8') };
}

/**
 * 500,000 lines through `run` (prefixed, none lost) vs the same program run directly, both to a
 * file: 80-byte lines, one write(2) each, as the peer benchmark's `throughput` writes them.
 */
export async function benchLines(): Promise<Row[]> {
  const total = 500_000;
  const command = `perl ${path.join(PROCS, 'spam-lines.pl')} ${total}`;
  const dir = scratch('lines');
  const droplet = makePlainDroplet(path.join(dir, 'droplet'), { worker: command });
  const samples: number[] = [];
  const direct: number[] = [];
  const lost: number[] = [];
  const prefix = '[APP/PROC/WORKER/0] OUT ';
  for (let i = 0; i < 5; i++) {
    direct.push((await timeToFile(path.join(dir, 'direct.txt'), ['bash', '-c', command])).ms);
    const run = await timeToFile(
      path.join(dir, 'run.txt'),
      sidecarsArgv(['run', droplet, '--process', 'worker']),
    );
    samples.push(run.ms);
    const seen = new Set<number>();
    for (const line of run.text.split('\n'))
      if (line.startsWith(prefix)) seen.add(Number(line.slice(prefix.length, prefix.length + 9)));
    lost.push(total - seen.size);
  }
  const startup = await benchStartupOnly();
  return [
    { what: '500,000 lines through run (to a file)', unit: 'ms', samples, direct, target: '≤ 1.25× direct' },
    {
      what: "… minus run's own startup (run --help)",
      unit: 'ms',
      samples: samples.map((ms) => ms - median(startup)),
      direct,
      target: '≤ 1.25× direct',
    },
    { what: 'lines lost through run', unit: 'lines', samples: lost, direct: null, target: '0' },
  ];
}

/** The CLI's own startup: `sidecars run --help` (node + module loading), for reference. */
async function benchStartupOnly(): Promise<number[]> {
  const out: number[] = [];
  const file = path.join(scratch('startup'), 'help.txt');
  for (let i = 0; i < 5; i++) out.push((await timeToFile(file, sidecarsArgv(['run', '--help']))).ms);
  return out;
}

/**
 * port opens → the gated sidecar starts, `exec` vs a bash loop polling the port every 5 ms (the
 * peer benchmark's floor). `run`, where the app may listen before its nested exec is up: gate-run.ts.
 */
export async function benchGateLag(
  writeConfig: (dir: string, sidecarCommand: string) => string,
): Promise<Row> {
  const samples: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < REPS; i++) {
    for (const mode of ['exec', 'direct'] as const) {
      const dir = scratch('gate');
      const port = String(20_000 + Math.floor(Math.random() * 20_000));
      const opened = path.join(dir, 'opened');
      const started = path.join(dir, 'started');
      const record = `${path.join(PROCS, 'record-start.sh')} ${started}`;
      const env = { PORT: port, DELAY_MS: '800', OPENED_FILE: opened };
      const sidecar =
        mode === 'exec'
          ? startSidecars(['exec', '--for', 'web', '--config', writeConfig(dir, record)], env)
          : start(
              'bash',
              [
                '-c',
                `until (exec 3<>/dev/tcp/127.0.0.1/${port}) 2>/dev/null; do sleep 0.005; done; exec ${record}`,
              ],
              env,
            );
      const web = start(process.execPath, [path.join(PROCS, 'http-server.cjs')], env);
      const lag = Number(await waitFile(started)) - Number(await waitFile(opened));
      (mode === 'exec' ? samples : direct).push(lag);
      sidecar.child.kill('SIGTERM');
      web.child.kill('SIGKILL');
      await Promise.all([sidecar.exit, web.exit]);
    }
  }
  return {
    what: 'port opens → gated sidecar starts (exec)',
    unit: 'ms',
    samples,
    direct,
    target: '≤ 30 ms median',
  };
}
