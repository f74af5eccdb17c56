// Issue 12's figures: how long a restart takes once its back-off is over, and what sidecars' own
// health checks cost the supervisor, each against today's behaviour measured in the same run.
import { createServer } from 'node:net';

import { writeExecConfig } from './config.js';
import { readUsage, type Row, scratch, startSidecars } from './harness.js';

const RESTART_REPS = 10;

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** The JSON events of a line, or null. */
function toEvent(line: string): Record<string, unknown> | null {
  const start = line.indexOf('{"');
  if (start < 0) return null;
  try {
    return JSON.parse(line.slice(start)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * A sidecar with restart: on-failure that exits 1: from its exit (`process.exited` time) to its next
 * `process.running`, less the back-off delay the `process.restarting` event announced.
 */
export async function benchRestartLatency(): Promise<Row> {
  const samples: number[] = [];
  for (let i = 0; i < RESTART_REPS; i++) {
    const dir = scratch('restart');
    const config = writeExecConfig(
      dir,
      [
        {
          name: 'flaky',
          command: 'sleep 0.3; exit 1',
          memoryMb: 16,
          restart: { policy: 'on-failure', maxRestarts: 1 },
        },
      ],
      'process',
    );
    const r = startSidecars(['exec', '--for', 'web', '--config', config]);
    const times = new Map<string, number>();
    let delayMs = 0;
    let running = 0;
    const done = r.firstLine((line) => {
      const event = toEvent(line);
      if (event === null) return false;
      const at = Date.parse(String(event['time']));
      if (event['event'] === 'process.restarting') {
        delayMs = Number(event['delayMs']);
        times.set('exited', at);
      }
      if (event['event'] === 'process.running' && ++running === 2) {
        times.set('running', at);
        return true;
      }
      return false;
    });
    await done;
    r.child.kill('SIGTERM');
    await r.exit;
    samples.push((times.get('running') ?? 0) - (times.get('exited') ?? 0) - delayMs);
  }
  return {
    what: 'restart latency: sidecar exit → restarted sidecar running, back-off delay excluded (pino ms stamps)',
    unit: 'ms',
    samples,
    direct: null,
    target: '≤ 30 ms median',
  };
}

/** Supervisor CPU and RSS over 20 s with 50 idle sidecars, each with a port check every 10 s, vs none. */
export async function benchFiftyChecked(): Promise<Row[]> {
  const listener = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
  await new Promise((resolve) => listener.once('listening', resolve));
  const port = (listener.address() as { port: number }).port;
  const measure = async (checked: boolean): Promise<{ cpuMs: number; rssMb: number }> => {
    const sidecars = Array.from({ length: 50 }, (_, i) => ({
      name: `idle-${i}`,
      command: 'exec sleep 1000',
      memoryMb: 16,
      ...(checked
        ? {
            healthCheck: {
              type: 'port' as const,
              endpoint: '/',
              port,
              timeoutMs: 60_000,
              invocationTimeoutMs: 1_000,
              intervalMs: 10_000,
              failureThreshold: 3,
            },
          }
        : {}),
    }));
    const r = startSidecars([
      'exec',
      '--for',
      'web',
      '--config',
      writeExecConfig(scratch('fifty-checked'), sidecars, 'process'),
    ]);
    const pid = r.child.pid ?? 0;
    await settle(3_000);
    const before = readUsage(pid);
    await settle(20_000);
    const after = readUsage(pid);
    r.child.kill('SIGTERM');
    await r.exit;
    return { cpuMs: after.cpuMs - before.cpuMs, rssMb: after.rssBytes / (1024 * 1024) };
  };
  try {
    const plain: Array<{ cpuMs: number; rssMb: number }> = [];
    const checked: Array<{ cpuMs: number; rssMb: number }> = [];
    for (let i = 0; i < 2; i++) {
      plain.push(await measure(false));
      checked.push(await measure(true));
    }
    return [
      {
        what: 'supervisor CPU over 20 s, 50 sidecars with a port check every 10 s (direct: no checks)',
        unit: 'ms',
        samples: checked.map((m) => m.cpuMs),
        direct: plain.map((m) => m.cpuMs),
        target: '≤ 1.10× direct',
      },
      {
        what: 'supervisor RSS, 50 sidecars with port checks (direct: no checks)',
        unit: 'MB',
        samples: checked.map((m) => m.rssMb),
        direct: plain.map((m) => m.rssMb),
        target: '≤ 1.05× direct',
      },
    ];
  } finally {
    listener.close();
  }
}
