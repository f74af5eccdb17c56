import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { toContainerType, toExecPlan, toPort } from '../../../../src/supervisor/wiring/exec-plan.js';
import { healthCheck, runtimeConfig } from '../../../helpers/runtime-config-fixture.js';

const both = { name: 'agent', command: 'agent', memoryMb: 32, sidecarFor: ['web', 'worker'] };
const webOnly = { name: 'proxy', command: 'proxy', memoryMb: 16, sidecarFor: ['web'] };
const config = runtimeConfig([both, webOnly], {
  web: healthCheck({ type: 'http', endpoint: '/health' }),
  worker: healthCheck({ type: 'process' }),
});
const base = { forTypes: null, sidecarName: null, containerType: null, port: 8080 };

test('--for web runs the sidecars of the sidecars-web entry, gated on the web check at $PORT', () => {
  const plan = toExecPlan(config, { ...base, forTypes: 'web', port: 9000 });
  assert.deepEqual(
    plan.sidecars.map((s) => s.name),
    ['agent', 'proxy'],
  );
  assert.equal(plan.processType, 'web');
  assert.equal(plan.gate.description, 'http check on http://127.0.0.1:9000/health');
});

test('the container type from VCAP_APPLICATION decides the gate: a worker never waits for a web port', () => {
  const plan = toExecPlan(config, { ...base, sidecarName: 'agent', containerType: 'worker' });
  assert.equal(plan.processType, 'worker');
  assert.equal(plan.gate.check.type, 'process');
});

test('exec NAME without a container type uses the sole sidecar_for type, else asks for one', () => {
  assert.equal(toExecPlan(config, { ...base, sidecarName: 'proxy' }).processType, 'web');
  assert.throws(() => toExecPlan(config, { ...base, sidecarName: 'agent' }), {
    message: 'the process type of this container is unknown',
  });
});

test('unknown names and types are usage errors that list what exists', () => {
  assert.throws(
    () => toExecPlan(config, { ...base, sidecarName: 'nope' }),
    (error: Error & { hint?: string }) => {
      assert.equal(error.message, 'no sidecar named "nope" in the runtime config');
      assert.equal(error.hint, 'Known sidecars: agent, proxy.');
      return true;
    },
  );
  assert.throws(() => toExecPlan(config, { ...base, forTypes: 'clock' }), {
    message: 'no sidecar is declared for process type "clock"',
  });
});

test('an unknown type gets the platform default check (process for non-web types)', () => {
  const plan = toExecPlan(runtimeConfig([{ ...webOnly, sidecarFor: ['clock'] }], {}), {
    ...base,
    forTypes: 'clock',
  });
  assert.equal(plan.gate.check.type, 'process');
});

test('toContainerType and toPort read the platform environment defensively', () => {
  assert.equal(toContainerType('{"process_type":"worker","limits":{}}'), 'worker');
  assert.equal(toContainerType('not json'), null);
  assert.equal(toContainerType(undefined), null);
  assert.equal(toPort('9000'), 9000);
  assert.equal(toPort(undefined), 8080);
  assert.equal(toPort('http'), 8080);
});
