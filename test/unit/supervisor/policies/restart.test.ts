import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createEventBus } from '../../../../src/supervisor/model/events.js';
import type { ProcessSpec } from '../../../../src/supervisor/model/process-spec.js';
import { failFast } from '../../../../src/supervisor/policies/fail-fast.js';
import { restartPolicy } from '../../../../src/supervisor/policies/restart.js';
import type { Policy, SupervisorHandle } from '../../../../src/supervisor/core/policy.js';
import { readiness } from '../../../../src/supervisor/health/readiness.js';
import { runSupervisor } from '../../../../src/supervisor/core/supervisor.js';
import { FakeClock, FakeSpawner, fakeSpec, fakeTreeFor } from '../../../helpers/fakes.js';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(agent: Partial<ProcessSpec>) {
  const spawner = new FakeSpawner();
  const clock = new FakeClock();
  const bus = createEventBus();
  const tree = fakeTreeFor(spawner);
  let handle!: SupervisorHandle;
  const capture: Policy = {
    attach(sup) {
      handle = sup;
      return () => undefined;
    },
  };
  const running = runSupervisor({
    readiness,
    specs: [fakeSpec('web'), fakeSpec('agent', agent)],
    deps: { spawner: spawner.spawn, clock, bus, openTree: tree.open },
    graceMs: 500,
    policies: [failFast, restartPolicy, capture],
  });
  const agentRuns = () => spawner.calls.filter((c) => c.command === 'agent');
  const lastAgent = () => {
    const runs = agentRuns();
    const last = runs[runs.length - 1];
    if (last === undefined) throw new Error('agent never ran');
    return last;
  };
  return { spawner, clock, bus, tree, running, handle: () => handle, agentRuns, lastAgent };
}

test('on-failure, max_restarts 2: restarts after 1 s and 2 s, then gives up with the last exit code', async () => {
  const { clock, bus, running, agentRuns, lastAgent, spawner } = setup({
    restart: { policy: 'on-failure', maxRestarts: 2 },
  });
  await flush();
  for (const delayMs of [1_000, 2_000]) {
    lastAgent().exit({ kind: 'exit', exitCode: 3, signal: null });
    await flush();
    const before = agentRuns().length;
    clock.advance(delayMs - 1);
    await flush();
    assert.equal(agentRuns().length, before, `not before ${delayMs} ms`);
    clock.advance(1);
    await flush();
    assert.equal(agentRuns().length, before + 1, `restarted after ${delayMs} ms`);
  }
  lastAgent().exit({ kind: 'exit', exitCode: 4, signal: null });
  const outcome = await running;
  assert.equal(outcome.exitCode, 4);
  const agent = outcome.results.find((r) => r.name === 'agent');
  assert.equal(agent?.reason, 'restart_budget_exhausted');
  assert.deepEqual(
    agent?.restarts?.map((r) => [r.exit_code, r.reason, r.delay_ms]),
    [
      [3, 'exited', 1_000],
      [3, 'exited', 2_000],
    ],
  );
  assert.equal(spawner.calls.filter((c) => c.command === 'web').length, 1, 'web ran once, all along');
  const restarting = bus.history.filter((e) => e.type === 'process.restarting');
  assert.deepEqual(
    restarting.map((e) => (e.type === 'process.restarting' ? [e.attempt, e.delayMs] : null)),
    [
      [1, 1_000],
      [2, 2_000],
    ],
  );
  assert.ok(bus.history.some((e) => e.type === 'restart.budget_exhausted' && e.restarts === 2));
  assert.equal(outcome.results.find((r) => r.name === 'web')?.reason, 'stopped');
});

test('always restarts after exit 0; never (the default) fails fast as the platform does', async () => {
  const always = setup({ restart: { policy: 'always', maxRestarts: 1 } });
  await flush();
  always.lastAgent().exit({ kind: 'exit', exitCode: 0, signal: null });
  await flush();
  always.clock.advance(1_000);
  await flush();
  assert.equal(always.agentRuns().length, 2);
  always.lastAgent().exit({ kind: 'exit', exitCode: 0, signal: null });
  assert.equal((await always.running).exitCode, 1, 'a spent budget after exit 0: 1');

  const never = setup({});
  await flush();
  never.lastAgent().exit({ kind: 'exit', exitCode: 3, signal: null });
  const outcome = await never.running;
  assert.equal(outcome.exitCode, 3);
  assert.equal(outcome.results.find((r) => r.name === 'agent')?.reason, 'exited');
  assert.equal(never.agentRuns().length, 1);
});

test('a stop during the back-off ends it at once: nothing starts again', async () => {
  const { clock, running, agentRuns, lastAgent, handle } = setup({
    restart: { policy: 'on-failure', maxRestarts: 5 },
  });
  await flush();
  lastAgent().exit({ kind: 'exit', exitCode: null, signal: 'SIGSEGV' });
  await flush();
  handle().requestStop({ kind: 'signal', signal: 'SIGTERM' });
  const outcome = await running;
  clock.advance(60_000);
  await flush();
  assert.equal(agentRuns().length, 1);
  assert.equal(outcome.exitCode, 143);
  const agent = outcome.results.find((r) => r.name === 'agent');
  assert.equal(agent?.reason, 'stopped');
  assert.deepEqual(
    agent?.restarts?.map((r) => r.signal),
    ['SIGSEGV'],
  );
});

test("an operator's restart: graceful stop, a new run at once, not counted, even under never", async () => {
  const { tree, running, agentRuns, lastAgent, handle, bus } = setup({});
  await flush();
  const first = lastAgent();
  assert.deepEqual(handle().requestRestart('agent'), { ok: true, state: 'running' });
  await flush();
  assert.deepEqual(
    tree.stops.find((stop) => stop.pid === first.pid),
    { pid: first.pid, graceMs: 500 },
    'SIGTERM first, with the grace period',
  );
  assert.equal(agentRuns().length, 2);
  assert.equal(lastAgent().pid !== first.pid, true);
  const restarting = bus.history.find((e) => e.type === 'process.restarting');
  assert.equal(restarting?.type === 'process.restarting' && restarting.reason, 'operator');
  assert.equal(restarting?.type === 'process.restarting' && restarting.delayMs, 0);
  assert.deepEqual(handle().requestRestart('nope'), {
    ok: false,
    error: 'unknown_process',
    message: 'no process is named nope; known: web, agent',
  });
  lastAgent().exit({ kind: 'exit', exitCode: 2, signal: null });
  const outcome = await running;
  assert.equal(outcome.exitCode, 2, 'under never, its next failure still fails fast');
  assert.deepEqual(
    outcome.results.find((r) => r.name === 'agent')?.restarts?.map((r) => r.reason),
    ['operator'],
  );
});

test('an operator restart during the back-off cuts it short', async () => {
  const { running, agentRuns, lastAgent, handle } = setup({
    restart: { policy: 'on-failure', maxRestarts: 5 },
  });
  await flush();
  lastAgent().exit({ kind: 'exit', exitCode: 1, signal: null });
  await flush();
  assert.equal(handle().requestRestart('agent').ok, true);
  await flush();
  assert.equal(agentRuns().length, 2, 'started without waiting the 1 s');
  handle().requestStop({ kind: 'signal', signal: 'SIGTERM' });
  await running;
});
