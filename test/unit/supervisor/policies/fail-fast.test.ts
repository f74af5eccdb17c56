import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createEventBus } from '../../../../src/supervisor/model/events.js';
import { failFast } from '../../../../src/supervisor/policies/fail-fast.js';
import { readiness } from '../../../../src/supervisor/health/readiness.js';
import { runSupervisor } from '../../../../src/supervisor/core/supervisor.js';
import { FakeClock, FakeSpawner, fakeSpec, fakeTreeFor } from '../../../helpers/fakes.js';

const spec = fakeSpec;

function setup(ignoresTerm: ReadonlySet<number> = new Set()) {
  const spawner = new FakeSpawner();
  const tree = fakeTreeFor(spawner, ignoresTerm);
  const bus = createEventBus();
  const deps = { spawner: spawner.spawn, clock: new FakeClock(), bus, openTree: tree.open };
  return { spawner, tree, bus, deps };
}

test('one exit (code 3) stops every other process and the outcome carries its code', async () => {
  const { spawner, tree, bus, deps } = setup();
  const running = runSupervisor({
    readiness,
    specs: [spec('web'), spec('agent')],
    deps,
    graceMs: 500,
    policies: [failFast],
  });
  await Promise.resolve();
  assert.deepEqual(
    spawner.calls.map((c) => c.command),
    ['web', 'agent'],
  );
  spawner.byCommand('agent').exit({ kind: 'exit', exitCode: 3, signal: null });
  const outcome = await running;
  assert.equal(outcome.exitCode, 3);
  assert.deepEqual(outcome.cause, { kind: 'process', name: 'agent' });
  const web = outcome.results.find((r) => r.name === 'web');
  assert.equal(web?.reason, 'stopped');
  assert.equal(web?.signal, 'SIGTERM');
  assert.deepEqual(
    tree.stops.filter((s) => s.pid === spawner.byCommand('web').pid),
    [{ pid: 1000, graceMs: 500 }],
  );
  const types = bus.history.filter((e) => 'name' in e && e.name === 'web').map((e) => e.type);
  assert.deepEqual(types, ['process.starting', 'process.running', 'process.killed']);
});

test('an exit 0 fails the run too (exit code 1)', async () => {
  const { spawner, deps } = setup();
  const running = runSupervisor({
    readiness,
    specs: [spec('web'), spec('agent')],
    deps,
    graceMs: 500,
    policies: [failFast],
  });
  await Promise.resolve();
  spawner.byCommand('web').exit({ kind: 'exit', exitCode: 0, signal: null });
  const outcome = await running;
  assert.equal(outcome.exitCode, 1);
  assert.match(outcome.summary, /^web exited with code 0; stopped 1 other/);
});

test('a process that ignores SIGTERM is recorded as forced', async () => {
  const { spawner, deps } = setup(new Set([1001]));
  const running = runSupervisor({
    readiness,
    specs: [spec('web'), spec('stubborn')],
    deps,
    graceMs: 500,
    policies: [failFast],
  });
  await Promise.resolve();
  spawner.byCommand('web').exit({ kind: 'exit', exitCode: 2, signal: null });
  const outcome = await running;
  const stubborn = outcome.results.find((r) => r.name === 'stubborn');
  assert.equal(stubborn?.forced, true);
  assert.equal(stubborn?.signal, 'SIGKILL');
  assert.equal(outcome.exitCode, 2);
});

test('a process waiting at its gate is killed without being spawned', async () => {
  const { spawner, deps } = setup();
  const specs = [spec('web'), spec('agent', { gate: { kind: 'process', name: 'web' } })];
  const running = runSupervisor({ specs, deps, graceMs: 500, policies: [failFast], readiness });
  await Promise.resolve();
  spawner.byCommand('web').exit({ kind: 'exit', exitCode: 7, signal: null });
  const outcome = await running;
  assert.deepEqual(
    spawner.calls.map((c) => c.command),
    ['web'],
  );
  assert.equal(outcome.results.find((r) => r.name === 'agent')?.startedAt, null);
  assert.equal(outcome.exitCode, 7);
});
