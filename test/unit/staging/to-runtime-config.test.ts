import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { RuntimeConfigSchema } from '../../../src/config/runtime-config.js';
import { SidecarsFileSchema } from '../../../src/config/sidecars-file-schema.js';
import { toRuntimeConfig } from '../../../src/staging/to-runtime-config.js';

test('health checks are resolved for web, every target type and every declared type, with platform defaults', () => {
  const file = SidecarsFileSchema.parse({
    sidecars: [{ name: 'a', command: 'x', memory: 1, sidecar_for: ['worker'] }],
    processes: { web: { health_check: { type: 'http', endpoint: '/ready', timeout: 90 } }, clock: {} },
  });
  const config = toRuntimeConfig(file, '0', '1.2.3');
  assert.deepEqual(RuntimeConfigSchema.parse(config), config);
  assert.deepEqual(config.processes, {
    web: {
      healthCheck: {
        type: 'http',
        endpoint: '/ready',
        port: null,
        timeoutMs: 90_000,
        invocationTimeoutMs: 1000,
        intervalMs: 30_000,
      },
    },
    worker: {
      healthCheck: {
        type: 'process',
        endpoint: '/',
        port: null,
        timeoutMs: 60_000,
        invocationTimeoutMs: 1000,
        intervalMs: 30_000,
      },
    },
    clock: {
      healthCheck: {
        type: 'process',
        endpoint: '/',
        port: null,
        timeoutMs: 60_000,
        invocationTimeoutMs: 1000,
        intervalMs: 30_000,
      },
    },
  });
  assert.deepEqual(config.launchEntries, [
    { type: 'sidecars-worker', sidecarFor: ['worker'], sidecars: ['a'], memoryMb: 65 },
  ]);
});

test("a sidecar's health check and restart policy, in ms; restart never (the default) writes nothing", () => {
  const file = SidecarsFileSchema.parse({
    sidecars: [
      {
        name: 'a',
        command: 'x',
        memory: 1,
        restart: 'on-failure',
        max_restarts: 3,
        health_check: { type: 'exec', command: './check', failure_threshold: 2 },
      },
      { name: 'b', command: 'y', memory: 1 },
    ],
  });
  const config = toRuntimeConfig(file, '0', '1.2.3');
  assert.deepEqual(RuntimeConfigSchema.parse(config), config);
  assert.deepEqual(config.sidecars[0], {
    name: 'a',
    command: 'x',
    memoryMb: 1,
    sidecarFor: ['web'],
    healthCheck: {
      type: 'exec',
      endpoint: '/',
      port: null,
      timeoutMs: 60_000,
      invocationTimeoutMs: 1_000,
      intervalMs: 10_000,
      failureThreshold: 2,
      command: './check',
    },
    restart: { policy: 'on-failure', maxRestarts: 3 },
  });
  assert.deepEqual(config.sidecars[1], { name: 'b', command: 'y', memoryMb: 1, sidecarFor: ['web'] });
});

test('order keys are written only when not the default', () => {
  const file = SidecarsFileSchema.parse({
    sidecars: [
      { name: 'proxy', command: 'x', memory: 1, start: 'with_app', stop: 'after_app' },
      {
        name: 'app-agent',
        command: 'y',
        memory: 1,
        depends_on: ['proxy'],
        start: 'after_app',
        stop: 'with_app',
      },
    ],
  });
  const config = toRuntimeConfig(file, '0', '1.2.3');
  assert.deepEqual(RuntimeConfigSchema.parse(config), config);
  assert.deepEqual(config.sidecars, [
    { name: 'proxy', command: 'x', memoryMb: 1, sidecarFor: ['web'], start: 'with_app', stop: 'after_app' },
    { name: 'app-agent', command: 'y', memoryMb: 1, sidecarFor: ['web'], dependsOn: ['proxy'] },
  ]);
});
