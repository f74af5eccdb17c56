// port opens → gated sidecar starts under `sidecars run` (the app's web process and a nested
// `sidecars exec` gating its sidecar on web's port check), as the peer bench's `gating` measures
// it: a fast app (it listens as soon as Node.js has loaded it), against the floor of the harness
// polling the port every 5 ms and spawning the same command itself.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

import { writeExecConfig } from './config.js';
import { getSupervisor, PROCS, type Row, scratch, start, startSidecars, waitFile } from './harness.js';
import type { Supervisor } from './supervisor-layout.js';

const REPS = 7;
const DIRECT_POLL_MS = 5;

/** A droplet whose deps/0 is this supervisor with one sidecar gated on web's port check. */
function makeGatedDroplet(dir: string, sup: Supervisor, web: string, sidecar: string): string {
  const depDir = path.join(dir, 'deps', '0');
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  mkdirSync(path.join(depDir, 'bin'), { recursive: true });
  writeFileSync(path.join(dir, 'app', 'Procfile'), `web: ${web}\n`);
  writeExecConfig(depDir, [{ name: 'agent', command: sidecar, memoryMb: 32 }], 'port');
  const launch = `processes:\n- type: sidecars-web\n  command: '"$DEPS_DIR/0/bin/sidecars" exec --for web'\n  limits: {memory: 96}\n  platforms: {cloudfoundry: {sidecar_for: [web]}}\n`;
  writeFileSync(path.join(depDir, 'launch.yml'), launch);
  // installed as bin/supply installs it: the shim copied (it finds its dir by its own path)
  const supDir = path.dirname(path.dirname(sup.shim));
  copyFileSync(sup.shim, path.join(depDir, 'bin', 'sidecars'));
  for (const name of ['lib', 'node', 'VERSION'])
    symlinkSync(path.join(supDir, name), path.join(depDir, name));
  return dir;
}

const isOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** The floor: the app, and the harness polling its port every DIRECT_POLL_MS, then spawning the command. */
async function directLag(dir: string, port: number, sidecar: string[]): Promise<number> {
  const opened = path.join(dir, 'opened');
  const started = sidecar[1] as string;
  const web = start(process.execPath, [path.join(PROCS, 'http-server.cjs')], {
    PORT: String(port),
    OPENED_FILE: opened,
  });
  while (!(await isOpen(port))) await new Promise((resolve) => setTimeout(resolve, DIRECT_POLL_MS));
  const child = spawn(sidecar[0] as string, sidecar.slice(1), { stdio: 'ignore' });
  const lag = Number(await waitFile(started)) - Number(await waitFile(opened));
  child.kill('SIGKILL');
  web.child.kill('SIGKILL');
  await web.exit;
  return lag;
}

export async function benchRunGateLag(sup: Supervisor = getSupervisor()): Promise<Row> {
  const samples: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const dir = scratch('gate-run');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const record = path.join(PROCS, 'record-start.sh');
    direct.push(await directLag(dir, port, [record, path.join(dir, 'direct-started')]));
    const opened = path.join(dir, 'opened');
    const started = path.join(dir, 'started');
    const web = `OPENED_FILE=${opened} exec node ${path.join(PROCS, 'http-server.cjs')}`;
    const droplet = makeGatedDroplet(path.join(dir, 'droplet'), sup, web, `exec ${record} ${started}`);
    const run = startSidecars(['run', droplet, '--port', String(port)], {}, sup);
    samples.push(Number(await waitFile(started)) - Number(await waitFile(opened)));
    run.child.kill('SIGTERM');
    await run.exit;
  }
  return {
    what: 'port opens → gated sidecar starts (run, fast app)',
    unit: 'ms',
    samples,
    direct,
    target: '≤ 2× direct (harness polling every 5 ms)',
  };
}
