import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SidecarsFileSchema } from '../../../src/config/sidecars-file-schema.js';
import { toLaunchEntries } from '../../../src/staging/launch-entries.js';
import { renderYaml, toLaunchYml } from '../../../src/staging/launch-yml.js';

const FILE = {
  sidecars: [
    { name: 'agent', command: 'a', memory: '64M', sidecar_for: ['web', 'worker'] },
    { name: 'proxy', command: 'p', memory: 32, sidecar_for: ['worker'] },
  ],
};

test('grouped: one entry per target type, in order of first appearance, memory summed with the supervisor', () => {
  const file = SidecarsFileSchema.parse(FILE);
  assert.deepEqual(toLaunchYml(toLaunchEntries(file), file.layout, '3'), {
    processes: [
      {
        type: 'sidecars-web',
        command: '"$DEPS_DIR/3/bin/sidecars" exec --for web',
        limits: { memory: 128 },
        platforms: { cloudfoundry: { sidecar_for: ['web'] } },
      },
      {
        type: 'sidecars-worker',
        command: '"$DEPS_DIR/3/bin/sidecars" exec --for worker',
        limits: { memory: 160 },
        platforms: { cloudfoundry: { sidecar_for: ['worker'] } },
      },
    ],
  });
});

test('per-sidecar: one entry per sidecar, named after it, with its own supervisor memory', () => {
  const file = SidecarsFileSchema.parse({ ...FILE, layout: 'per-sidecar', supervisor: { memory: '50M' } });
  assert.deepEqual(toLaunchYml(toLaunchEntries(file), file.layout, '0'), {
    processes: [
      {
        type: 'agent',
        command: '"$DEPS_DIR/0/bin/sidecars" exec agent',
        limits: { memory: 114 },
        platforms: { cloudfoundry: { sidecar_for: ['web', 'worker'] } },
      },
      {
        type: 'proxy',
        command: '"$DEPS_DIR/0/bin/sidecars" exec proxy',
        limits: { memory: 82 },
        platforms: { cloudfoundry: { sidecar_for: ['worker'] } },
      },
    ],
  });
});

test('the rendered YAML keeps memory an integer and quotes the command', () => {
  const file = SidecarsFileSchema.parse(FILE);
  const text = renderYaml(toLaunchYml(toLaunchEntries(file), file.layout, '0'));
  assert.match(text, /^ {6}memory: 128$/m);
  assert.match(text, /^ {4}command: '"\$DEPS_DIR\/0\/bin\/sidecars" exec --for web'$/m);
});
