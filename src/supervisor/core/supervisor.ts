import { SidecarError } from '../../common/errors.js';
import { toExitCode, toSummary } from './exit-code.js';
import { ManagedProcess } from './managed-process.js';
import type { ProcessDeps, AppEndWatch } from './process-deps.js';
import type { ProcessSpec } from '../model/process-spec.js';
import type { Policy, SupervisorHandle } from './policy.js';
import type { Readiness } from './readiness.js';
import type { RunOutcome, StopCause } from '../model/run-outcome.js';
import { isTerminal } from '../model/state.js';
import { stopInOrder } from './stop-order.js';

/** How long to let the last output lines drain after every process has ended. */
export const OUTPUT_DRAIN_MS = 1_000;

export interface SupervisorOptions {
  specs: readonly ProcessSpec[];
  deps: ProcessDeps;
  graceMs: number;
  policies: readonly Policy[];
  /** the gate, dependency and health waits (health/readiness.ts; handed in, as the policies are) */
  readiness: Readiness;
}

/**
 * Composes processes and policies and owns the staged shutdown: every process is launched
 * concurrently (waiting at its gate if it has one); the first stop request aborts every wait and
 * stops every tree (SIGTERM, SIGKILL after graceMs); resolves once all of them are gone. A stop
 * requested while the policies attach (a signal that arrived before supervision) launches nothing.
 */
export async function runSupervisor(opts: SupervisorOptions): Promise<RunOutcome> {
  const { deps, graceMs, readiness } = opts;
  const { bus, clock } = deps;
  const names = new Set<string>();
  for (const spec of opts.specs) {
    if (names.has(spec.name)) throw new SidecarError('invariant', `two processes are named ${spec.name}`);
    names.add(spec.name);
  }
  const processes = opts.specs.map((spec) => new ManagedProcess(spec, deps));
  const byName = new Map(processes.map((proc) => [proc.name, proc]));
  const abort = new AbortController();
  // stop: after_app: the app's end is looked for from the start, while it still listens
  const appEnds = new Map<number, AppEndWatch>();
  for (const spec of opts.specs) {
    const port = spec.stopAfterApp?.port;
    if (port !== undefined && deps.watchAppEnd !== undefined && !appEnds.has(port))
      appEnds.set(port, deps.watchAppEnd(port));
  }
  /** how an exec health check's run is tagged, so that its whole tree is killed when it ends */
  const checks = deps.openCheck === undefined ? {} : { openCheck: deps.openCheck };
  let stopCause: StopCause | null = null;
  let stopped: Promise<unknown> = Promise.resolve();

  const handle: SupervisorHandle = {
    bus,
    clock,
    processes,
    graceMs,
    get stopCause() {
      return stopCause;
    },
    findEscaped: (quiet) => deps.findEscaped?.(quiet),
    relaunch(proc, cause) {
      if (abort.signal.aborted || proc.state !== 'restarting') return;
      proc.start(cause);
      void watchOwnHealth(proc);
    },
    requestRestart(name) {
      const proc = byName.get(name);
      if (proc === undefined) {
        const known = processes.map((p) => p.name).join(', ');
        return {
          ok: false,
          error: 'unknown_process',
          message: `no process is named ${name}; known: ${known}`,
        };
      }
      if (proc.spec.record?.type === 'process') {
        return { ok: false, error: 'not_a_sidecar', message: `${name} is the app's process, not a sidecar` };
      }
      if (proc.spec.nested !== undefined) {
        return {
          ok: false,
          error: 'not_a_sidecar',
          message: `${name} is a \`sidecars exec\` entry; name one of its sidecars (${name}/NAME)`,
        };
      }
      const { state } = proc;
      if (stopCause !== null || !['running', 'healthy', 'restarting'].includes(state)) {
        const why = stopCause !== null ? 'the supervisor is stopping' : `it is ${state}`;
        return { ok: false, error: 'not_running', message: `${name} cannot be restarted: ${why}` };
      }
      bus.emit({ type: 'restart.requested', name, by: 'operator', at: clock.now() });
      return { ok: true, state };
    },
    requestStop(cause) {
      if (stopCause !== null) return;
      stopCause = cause;
      bus.emit({
        type: 'supervisor.stop_requested',
        cause: cause.kind === 'process' ? cause.name : cause.signal,
        ...(cause.kind === 'signal' ? { signal: cause.signal } : {}),
        at: clock.now(),
      });
      abort.abort(cause); // a reason of ours: no DOMException to build on the way out
      deps.findEscaped?.(); // a detached descendant is stopped with its tree
      // the live first: a command that already ended only has leftovers to look for
      const liveFirst = [...processes].sort(
        (a, b) => Number(isTerminal(a.state)) - Number(isTerminal(b.state)),
      );
      // after_app waits for the app on a stop signal only: after a failure, the container fails now
      const appEnd = (port: number) => (cause.kind === 'signal' ? appEnds.get(port) : undefined);
      stopped = stopInOrder(liveFirst, { clock, graceMs, appEnd });
    },
  };

  /** one run's own health check: readiness, then liveness, until that run ends */
  function watchOwnHealth(proc: ManagedProcess): Promise<void> {
    const { health } = proc.spec;
    if (health === null || proc.state !== 'running') return Promise.resolve();
    return readiness.watchHealth(proc, health, { clock, bus, signal: abort.signal, graceMs, ...checks });
  }

  async function launch(proc: ManagedProcess): Promise<void> {
    // stopped before it was launched: a policy asked for the stop as it attached (an early signal)
    if (abort.signal.aborted) return;
    const { gate } = proc.spec;
    if (
      gate !== null &&
      !(await readiness.passGate(proc, gate, { byName, bus, clock, signal: abort.signal, ...checks }))
    ) {
      if (proc.state === 'waiting') await proc.stop('stopped', 0, `its gate closed: ${JSON.stringify(gate)}`);
      return;
    }
    if (!(await readiness.passDependencies(proc, byName, { bus, clock, signal: abort.signal }))) {
      if (proc.state === 'waiting') await proc.stop('stopped', 0, 'a sidecar it depends on ended');
      return;
    }
    if (abort.signal.aborted) return;
    proc.start();
    await watchOwnHealth(proc);
  }

  const detachers = opts.policies.map((policy) => policy.attach(handle));
  try {
    await Promise.all(processes.map((proc) => launch(proc)));
    const results = await Promise.all(processes.map((proc) => proc.ended));
    await stopped;
    // a command that ended on its own may have left descendants: stop those too
    deps.findEscaped?.();
    await Promise.all(processes.map((proc) => proc.stop('stopped', graceMs)));
    const drained = new AbortController();
    await Promise.race([
      Promise.all(processes.map((proc) => proc.outputDone)),
      clock.sleep(OUTPUT_DRAIN_MS, drained.signal),
    ]);
    drained.abort('drained'); // a reason of ours: no DOMException to build
    // whatever still holds a pipe open (a daemon that escaped every stop) is not waited for
    for (const proc of processes) proc.closeOutput();
    const exitCode = toExitCode(stopCause, results);
    const summary = toSummary(stopCause, results);
    bus.emit({ type: 'supervisor.finished', exitCode, summary, at: clock.now() });
    return { results, cause: stopCause, exitCode, summary };
  } finally {
    for (const watch of appEnds.values()) watch.close();
    for (const detach of detachers) detach();
  }
}
