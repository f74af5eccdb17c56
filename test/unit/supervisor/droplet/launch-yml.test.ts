import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  type LaunchProcess,
  mergeLaunchProcesses,
  sortDepsIndexes,
  toLaunchProcesses,
} from '../../../../src/supervisor/droplet/launch-yml.js';

const entry = (
  type: string,
  command: string,
  depsIdx: string,
  sidecarFor: string[] = ['web'],
): LaunchProcess => ({
  type,
  command,
  memoryMb: 32,
  sidecarFor,
  depsIdx,
});

test('the platform merge: index order, a later entry of the same type replaces the earlier one', () => {
  const merged = mergeLaunchProcesses([
    [entry('agent', 'old', '0'), entry('sidecars-web', 'exec', '0')],
    [entry('agent', 'new', '1'), entry('proxy', 'p', '1')],
  ]);
  assert.deepEqual(
    merged.map((e) => [e.type, e.command, e.depsIdx]),
    [
      ['agent', 'new', '1'],
      ['sidecars-web', 'exec', '0'],
      ['proxy', 'p', '1'],
    ],
  );
});

test('deps dirs sort numerically, and only numeric names count', () => {
  assert.deepEqual(sortDepsIndexes(['10', '2', '0', 'tmp', '1']), ['0', '1', '2', '10']);
  assert.deepEqual(sortDepsIndexes(['01', '00', '10']), ['00', '01', '10']);
});

test('toLaunchProcesses reads the platform schema and skips what the platform cannot use', () => {
  const doc = {
    processes: [
      {
        type: 'sidecars-web',
        command: '"$DEPS_DIR/0/bin/sidecars" exec --for web',
        limits: { memory: 96 },
        platforms: { cloudfoundry: { sidecar_for: ['web'] } },
      },
      { type: 'worker', command: 'run-worker' },
      { type: 'broken' },
      'not an entry',
      {
        type: 'odd-memory',
        command: 'x',
        limits: { memory: '64M' },
        platforms: { cloudfoundry: { sidecar_for: [] } },
      },
    ],
  };
  assert.deepEqual(toLaunchProcesses(doc, '3'), [
    {
      type: 'sidecars-web',
      command: '"$DEPS_DIR/0/bin/sidecars" exec --for web',
      memoryMb: 96,
      sidecarFor: ['web'],
      depsIdx: '3',
    },
    { type: 'worker', command: 'run-worker', memoryMb: null, sidecarFor: [], depsIdx: '3' },
    { type: 'odd-memory', command: 'x', memoryMb: null, sidecarFor: [], depsIdx: '3' },
  ]);
  assert.deepEqual(toLaunchProcesses(null, '0'), []);
  assert.deepEqual(toLaunchProcesses({ processes: 'x' }, '0'), []);
});
