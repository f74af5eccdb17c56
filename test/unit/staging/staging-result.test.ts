import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { toDepsIndexes } from '../../../src/staging/local-builder.js';
import { parseProcfile } from '../../../src/config/procfile.js';
import { toStagingInfo, toStagingResult } from '../../../src/staging/staging-result.js';

const sidecar = (type: string, sidecarFor: string[], memory?: number): Record<string, unknown> => ({
  type,
  command: `run-${type}`,
  ...(memory === undefined ? {} : { limits: { memory } }),
  platforms: { cloudfoundry: { sidecar_for: sidecarFor } },
});

const BUILDPACKS = [
  { key: '/bp/0', name: 'sidecar', version: '0.1.0' },
  { key: '/bp/1', name: 'final' },
];

test('release defaults, then launch.yml by index, then the Procfile: the later one wins', () => {
  const result = toStagingResult({
    releaseProcessTypes: { web: 'from-release', worker: 'worker-from-release' },
    launchDocs: [
      { processes: [sidecar('agent', ['web'], 64), { type: 'worker', command: 'worker-from-launch' }] },
      null,
      { processes: [sidecar('agent', ['web', 'worker'], 32)] },
    ],
    procfile: { web: 'from-procfile' },
    buildpacks: BUILDPACKS,
  });
  assert.deepEqual(result.process_types, { web: 'from-procfile', worker: 'worker-from-launch' });
  assert.deepEqual(result.processes, [
    { type: 'web', command: 'from-procfile' },
    { type: 'worker', command: 'worker-from-launch' },
  ]);
  assert.deepEqual(result.sidecars, [
    { name: 'agent', process_types: ['web', 'worker'], command: 'run-agent', memory: 32 },
  ]);
  assert.deepEqual(result.lifecycle_metadata, { detected_buildpack: 'final', buildpacks: BUILDPACKS });
  assert.equal(toStagingInfo(result), '{"detected_buildpack":"final","start_command":"from-procfile"}\n');
});

test('a Procfile entry named like a sidecar makes it a plain process', () => {
  const result = toStagingResult({
    releaseProcessTypes: {},
    launchDocs: [{ processes: [sidecar('agent', ['web'], 64)] }],
    procfile: { web: 'serve', agent: 'own-agent' },
    buildpacks: BUILDPACKS,
  });
  assert.deepEqual(result.sidecars, []);
  assert.deepEqual(result.process_types, { agent: 'own-agent', web: 'serve' });
});

test('launch.yml entries the platform cannot use are skipped', () => {
  const result = toStagingResult({
    releaseProcessTypes: {},
    launchDocs: [{ processes: [{ type: 1, command: 'x' }, { type: 'no-command' }, 'junk'] }, 'not a map'],
    procfile: {},
    buildpacks: BUILDPACKS,
  });
  assert.deepEqual(result.process_types, {});
  assert.equal(toStagingInfo(result), '{"detected_buildpack":"final","start_command":""}\n');
});

test('Procfile lines split at the first colon; comments and blanks are skipped', () => {
  assert.deepEqual(parseProcfile('# c\nweb: node a.js --x=1:2\n\nworker:\nbad line\n'), {
    web: 'node a.js --x=1:2',
  });
});

test('deps indexes are zero-padded with 10 or more buildpacks', () => {
  assert.deepEqual(toDepsIndexes(2), ['0', '1']);
  assert.deepEqual(toDepsIndexes(9).slice(-1), ['8']);
  assert.deepEqual(toDepsIndexes(10).slice(0, 1), ['00']);
  assert.deepEqual(toDepsIndexes(10).slice(-1), ['09']);
  assert.deepEqual(toDepsIndexes(11).slice(-1), ['10']);
  assert.deepEqual(toDepsIndexes(101).slice(0, 1), ['000']);
});
