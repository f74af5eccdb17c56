import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import type { HealthCheck } from '../../../../src/config/runtime-config.js';
import { createSharedSink } from '../../../../src/supervisor/core/line-output.js';
import { NESTED_READY_ENV } from '../../../../src/supervisor/core/nested-ready.js';
import { createInstanceContext } from '../../../../src/supervisor/droplet/instance-env.js';
import type { Droplet } from '../../../../src/supervisor/droplet/read-droplet.js';
import { toRunSpecs } from '../../../../src/supervisor/droplet/run-plan.js';
import { healthCheck, runtimeConfig } from '../../../helpers/runtime-config-fixture.js';

const sidecar = (name: string, sidecarFor: string[]) => ({ name, command: 'x', memoryMb: 8, sidecarFor });

/** A droplet of this buildpack's (deps 0: web, worker) plus another buildpack's sidecar for web (deps 1). */
function droplet(processes: Record<string, HealthCheck>): Droplet {
  const config = runtimeConfig([sidecar('agent', ['web']), sidecar('poller', ['worker'])], processes);
  return {
    dir: '/d',
    startCommand: 'serve',
    procfile: { worker: 'work' },
    launch: [
      ...config.launchEntries.map((e) => ({
        type: e.type,
        command: `sidecars exec --for ${e.sidecarFor[0]}`,
        memoryMb: e.memoryMb,
        sidecarFor: e.sidecarFor,
        depsIdx: '0',
      })),
      { type: 'apm', command: 'apm', memoryMb: 16, sidecarFor: ['web'], depsIdx: '1' },
    ],
    runtimeConfigs: new Map([['0', config]]),
  };
}

function plan(d: Droplet, type: string) {
  return toRunSpecs(d, createInstanceContext('/d', type, 256, 8080), {
    command: null,
    callerEnv: {},
    extraEnv: {},
    sink: createSharedSink(new PassThrough()),
    nestedRoot: '/tmp/nested',
    uid: null,
  });
}

test('run holds the app for a nested exec that gates on a port, http or exec check, and opens it a readiness fd', () => {
  for (const type of ['port', 'http', 'exec'] as const) {
    const [main, nested, apm] = plan(droplet({ web: healthCheck({ type, command: 'true' }) }), 'web');
    assert.equal(typeof main?.holdStart, 'function', type);
    assert.equal(nested?.env[NESTED_READY_ENV], '4', type);
    assert.equal(typeof nested?.output.onReady, 'function', type);
    // another buildpack's sidecar is gated by run itself: nothing to wait for, no readiness fd
    assert.equal(apm?.env[NESTED_READY_ENV], undefined);
    assert.equal(apm?.output.onReady, undefined);
  }
});

test('a nested exec gated on a process check holds nothing up: the app starts at once, no readiness fd is named', () => {
  // worker's default check is `process`; web's is declared as one here
  const d = droplet({ web: healthCheck({ type: 'process' }) });
  for (const type of ['web', 'worker']) {
    const [main, nested] = plan(d, type);
    assert.equal(main?.name, type);
    assert.equal(main?.holdStart, undefined, type);
    assert.equal(nested?.name, `sidecars-${type}`);
    assert.equal(NESTED_READY_ENV in (nested?.env ?? {}), false, type);
    assert.equal(nested?.output.onReady, undefined, type);
  }
});
