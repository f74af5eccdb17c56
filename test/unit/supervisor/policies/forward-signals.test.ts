import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createEventBus } from '../../../../src/supervisor/model/events.js';
import { failFast } from '../../../../src/supervisor/policies/fail-fast.js';
import { createForwardSignals } from '../../../../src/supervisor/policies/forward-signals.js';
import { toFinishedRecord } from '../../../../src/supervisor/records/records.js';
import { createStopSignals } from '../../../../src/supervisor/core/stop-signals.js';
import { readiness } from '../../../../src/supervisor/health/readiness.js';
import { runSupervisor } from '../../../../src/supervisor/core/supervisor.js';
import { FakeClock, FakeSpawner, fakeSpec, fakeTreeFor } from '../../../helpers/fakes.js';

const PROCESS_GATE = {
  kind: 'probe',
  processType: 'web',
  target: {
    description: 'process check',
    check: {
      type: 'process',
      endpoint: '/',
      port: null,
      timeoutMs: 1_000,
      invocationTimeoutMs: 1_000,
      intervalMs: 1_000,
    },
    port: 8080,
  },
} as const;

const spec = fakeSpec;

function setup() {
  const spawner = new FakeSpawner();
  const tree = fakeTreeFor(spawner);
  const bus = createEventBus();
  const source = new EventEmitter();
  const deps = { spawner: spawner.spawn, clock: new FakeClock(1_000), bus, openTree: tree.open };
  return { spawner, bus, source, deps, signals: createStopSignals(source) };
}

test('a signal during supervision stops every tree: ABORTED, 128+signo', async () => {
  const { spawner, source, deps, signals } = setup();
  const running = runSupervisor({
    readiness,
    specs: [spec('web'), spec('agent')],
    deps,
    graceMs: 500,
    policies: [failFast, createForwardSignals(signals)],
  });
  await Promise.resolve();
  assert.equal(spawner.calls.length, 2);
  source.emit('SIGINT');
  const outcome = await running;
  assert.deepEqual(outcome.cause, { kind: 'signal', signal: 'SIGINT' });
  assert.equal(outcome.exitCode, 130);
  assert.deepEqual(
    outcome.results.map((r) => [r.name, r.reason, r.signal]),
    [
      ['web', 'stopped', 'SIGTERM'],
      ['agent', 'stopped', 'SIGTERM'],
    ],
  );
});

test('a signal that arrived before supervision: nothing is spawned, every process is stopped', async () => {
  const { spawner, bus, source, deps, signals } = setup();
  source.emit('SIGTERM');
  const outcome = await runSupervisor({
    readiness,
    specs: [spec('web'), spec('agent', { gate: PROCESS_GATE })],
    deps,
    graceMs: 500,
    policies: [failFast, createForwardSignals(signals)],
  });
  assert.deepEqual(spawner.calls, []);
  assert.equal(outcome.exitCode, 143);
  assert.equal(outcome.summary, 'received SIGTERM: stopped 2 process(es)');
  assert.deepEqual(
    bus.history.map((e) => e.type),
    ['supervisor.stop_requested', 'process.killed', 'process.killed', 'supervisor.finished'],
  );
  const finished = toFinishedRecord(2_000, outcome);
  const never = {
    exit_code: null,
    signal: null,
    reason: 'stopped',
    forced: false,
    peak_rss_mb: null,
    started_at: null,
    finished_at: 1,
    detail: null,
  };
  assert.deepEqual(finished, {
    timestamp: 2,
    passed: false,
    result: 'ABORTED',
    metadata: {
      exit_code: 143,
      cause: { signal: 'SIGTERM' },
      summary: 'received SIGTERM: stopped 2 process(es)',
      processes: { web: never, agent: never },
    },
  });
});
