// `sidecars exec` launch → its sidecar's first line on exec's stdout, against a bare start of the
// same Node.js (`node -e 0`, launch → exit) in the same invocation: what the supervisor adds to the
// runtime's own start. The peer benchmark's `startup` scenario, as `npm run bench` tracks it.
import { writeExecConfig } from './config.js';
import { getSupervisor, type Row, scratch, start, startSidecars } from './harness.js';
import type { Supervisor } from './supervisor-layout.js';

const REPS = 9;

export async function benchExecLaunch(sup: Supervisor = getSupervisor()): Promise<Row> {
  const command = 'echo BENCH-READY; exec sleep 1000';
  const config = writeExecConfig(
    scratch('exec-launch'),
    [{ name: 'ready', command, memoryMb: 16 }],
    'process',
  );
  const samples: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const b = start(sup.node, ['-e', '0']);
    bare.push((await b.exit).at - b.t0);
    const r = startSidecars(['exec', '--for', 'web', '--config', config], {}, sup);
    samples.push((await r.firstLine((l) => l.includes('BENCH-READY'))) - r.t0);
    r.child.kill('SIGTERM');
    await r.exit;
  }
  return {
    what: 'launch → first line (exec; direct: bare Node.js start)',
    unit: 'ms',
    samples,
    direct: bare,
    target: '≤ 1.5× bare Node.js',
  };
}
