import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import type { RuntimeConfig } from '../../../../src/config/runtime-config.js';
import type { Droplet } from '../../../../src/supervisor/droplet/read-droplet.js';
import { toRunProcessNames } from '../../../../src/supervisor/droplet/run-process-names.js';
import { runtimeConfig } from '../../../helpers/runtime-config-fixture.js';

const sidecar = (name: string, sidecarFor: string[]) => ({ name, command: 'x', memoryMb: 8, sidecarFor });

test('the main process, each sidecar entry for its type, and each nested exec’s sidecars', () => {
  const config: RuntimeConfig = runtimeConfig([
    sidecar('agent', ['web']),
    sidecar('proxy', ['web', 'worker']),
    sidecar('poller', ['worker']),
  ]);
  const droplet: Droplet = {
    dir: '/d',
    startCommand: 'x',
    procfile: {},
    launch: [
      ...config.launchEntries.map((e) => ({
        type: e.type,
        command: 'sidecars exec',
        memoryMb: e.memoryMb,
        sidecarFor: e.sidecarFor,
        depsIdx: '0',
      })),
      // another buildpack's sidecar: run supervises it itself
      { type: 'apm', command: 'apm', memoryMb: 16, sidecarFor: ['web'], depsIdx: '1' },
    ],
    runtimeConfigs: new Map([['0', config]]),
  };
  assert.deepEqual(toRunProcessNames(droplet, 'web'), [
    'web',
    'sidecars-web',
    'sidecars-web/agent',
    'sidecars-web/proxy',
    'apm',
  ]);
  assert.deepEqual(toRunProcessNames(droplet, 'worker'), [
    'worker',
    'sidecars-worker',
    'sidecars-worker/proxy',
    'sidecars-worker/poller',
  ]);
});
