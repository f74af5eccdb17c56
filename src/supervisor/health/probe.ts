import type { HealthCheck } from '../../config/runtime-config.js';
import type { HealthTarget } from '../model/health-target.js';
import { readCensor } from '../secrets/censor.js';
import { type ExecProbeContext, probeExec } from './exec.js';
import { probeHttp } from './http.js';
import { probePort } from './port.js';
import type { Probe } from './probe-result.js';

export const PROBE_HOST = '127.0.0.1';

export function toHealthTarget(check: HealthCheck, containerPort: number): HealthTarget {
  const port = check.port ?? containerPort;
  const where =
    check.type === 'http'
      ? `http://${PROBE_HOST}:${port}${check.endpoint}`
      : check.type === 'port'
        ? `${PROBE_HOST}:${port}`
        : null;
  if (check.type === 'exec')
    return { check, port, description: `exec check ${JSON.stringify(check.command ?? '')}` };
  return { check, port, description: where === null ? 'process check' : `${check.type} check on ${where}` };
}

/**
 * The probe for a target; `process` passes at once (the process is alive if we are asking);
 * `exec` runs its command in `ctx` (the sidecar's cwd and environment; a process type's check:
 * `/` and an empty one, but for the tokens of the supervisors it runs under), and what its detail
 * quotes of its output has the secrets of that environment masked.
 */
export function toProbe(
  target: HealthTarget,
  ctx: Omit<ExecProbeContext, 'censor'> = { cwd: '/', env: {} },
): Probe {
  const { check, port } = target;
  switch (check.type) {
    case 'exec': {
      const execCtx = { ...ctx, censor: readCensor([ctx.env]) };
      return () => probeExec(check.command ?? 'false', check.invocationTimeoutMs, execCtx);
    }
    case 'port':
      return () => probePort(PROBE_HOST, port, check.invocationTimeoutMs);
    case 'http':
      return () => probeHttp(`http://${PROBE_HOST}:${port}${check.endpoint}`, check.invocationTimeoutMs);
    case 'process':
      return () => Promise.resolve({ ok: true });
  }
}
