import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SidecarsFileSchema, type SidecarsFile } from '../../../src/config/sidecars-file-schema.js';
import { type AppProcfile } from '../../../src/staging/procfile.js';
import { checkRules, type RuleInputs } from '../../../src/staging/rules.js';

function file(input: unknown): SidecarsFile {
  return SidecarsFileSchema.parse(input);
}

/** A Procfile with these types, one per line from line 1. */
function procfile(types: string[]): AppProcfile {
  return { file: 'Procfile', types, lineOf: (type) => types.indexOf(type) + 1 || undefined };
}

const INPUTS: RuleInputs = {
  file: 'sidecars.yml',
  procfile: procfile(['web', 'worker']),
  processMemoryMb: 1024,
  processMemorySource: 'MEMORY_LIMIT=1G',
  lineOf: () => 1,
};

function summary(input: unknown, inputs: Partial<RuleInputs> = {}): string[] {
  return checkRules(file(input), { ...INPUTS, ...inputs }).map(
    (i) => `${i.severity} ${i.code} ${i.path.join('.')}: ${i.message}`,
  );
}

test('Σ sidecar memory plus the supervisor must be strictly below the process memory', () => {
  const below = { sidecars: [{ name: 'a', command: 'x', memory: 959 }] };
  assert.deepEqual(summary(below), []); // 959 + 64 = 1023 < 1024
  const at = { sidecars: [{ name: 'a', command: 'x', memory: 960 }] };
  assert.deepEqual(summary(at), [
    'error memory_not_below_process sidecars.0.memory: the sidecars of "web" declare 1024 MB (a 960 MB + supervisor 64 MB), which is not below the process memory of 1024 MB (MEMORY_LIMIT=1G)',
  ]);
});

test('per-sidecar layout declares one supervisor per sidecar in the sum', () => {
  const twoSidecars = {
    layout: 'per-sidecar',
    supervisor: { memory: 100 },
    sidecars: [
      { name: 'a', command: 'x', memory: 400 },
      { name: 'b', command: 'y', memory: 400 },
    ],
  };
  assert.deepEqual(summary(twoSidecars), []); // 2×400 + 2×100 = 1000 < 1024
  assert.equal(summary({ ...twoSidecars, supervisor: { memory: 113 } }).length, 1); // 2×400 + 2×113 = 1026
  assert.deepEqual(summary({ ...twoSidecars, layout: 'grouped', supervisor: { memory: 113 } }), []); // 800 + 113 = 913
});

test('each target type is checked on its own', () => {
  const input = {
    sidecars: [
      { name: 'a', command: 'x', memory: 500, sidecar_for: ['web', 'worker'] },
      { name: 'b', command: 'y', memory: 500, sidecar_for: ['worker'] },
    ],
  };
  assert.deepEqual(summary(input), [
    'error memory_not_below_process sidecars.0.memory: the sidecars of "worker" declare 1064 MB (a 500 MB + b 500 MB + supervisor 64 MB), which is not below the process memory of 1024 MB (MEMORY_LIMIT=1G)',
  ]);
});

test('a sidecar named like a Procfile type is an error; the reserved entry names too', () => {
  assert.deepEqual(summary({ sidecars: [{ name: 'worker', command: 'x', memory: 1 }] }), [
    'error procfile_clash sidecars.0.name: "worker" is also a process type in the Procfile; the platform would run it as a plain process, not as a sidecar',
  ]);
  assert.deepEqual(
    summary(
      { sidecars: [{ name: 'a', command: 'x', memory: 1 }] },
      { procfile: procfile(['web', 'sidecars-web']) },
    ),
    [
      'error procfile_clash sidecars-web: this buildpack reserves the process type "sidecars-web" for the launch.yml entry of the sidecar "a"',
    ],
  );
  const [reserved] = checkRules(file({ sidecars: [{ name: 'a', command: 'x', memory: 1 }] }), {
    ...INPUTS,
    procfile: procfile(['web', 'sidecars-web']),
  });
  assert.deepEqual({ file: reserved?.file, line: reserved?.line }, { file: 'Procfile', line: 2 });
});

test('a sidecar named web is refused in the per-sidecar layout only', () => {
  const input = { sidecars: [{ name: 'web', command: 'x', memory: 1 }] };
  assert.deepEqual(summary(input, { procfile: undefined }), []);
  assert.deepEqual(summary({ ...input, layout: 'per-sidecar' }, { procfile: undefined }), [
    'error web_name sidecars.0.name: a sidecar named "web" would replace the web process in the per-sidecar layout',
  ]);
});

test('a target type that is neither web nor in the Procfile is a warning', () => {
  const input = { sidecars: [{ name: 'a', command: 'x', memory: 1, sidecar_for: ['web', 'clock'] }] };
  assert.deepEqual(summary(input), [
    'warning unknown_process_type sidecars.0.sidecar_for.1: process type "clock" is not web and not in the Procfile; unless the final buildpack defines it, this sidecar never runs beside it',
  ]);
  assert.match(summary(input, { procfile: undefined })[0] ?? '', /not in the app \(it has no Procfile\)/);
});

test('depends_on: unknown names, process types, a sidecar not beside it, cycles', () => {
  const sidecar = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    command: 'x',
    memory: 64,
    ...extra,
  });
  assert.deepEqual(summary({ sidecars: [sidecar('a', { depends_on: ['b'] }), sidecar('b')] }), []);
  assert.deepEqual(summary({ sidecars: [sidecar('a', { depends_on: ['prxy'] }), sidecar('proxy')] }), [
    'error unknown_dependency sidecars.0.depends_on.0: no sidecar is named "prxy"',
  ]);
  assert.deepEqual(summary({ sidecars: [sidecar('a', { depends_on: ['worker'] })] }), [
    'error depends_on_process_type sidecars.0.depends_on.0: "worker" is a process type, not a sidecar; depends_on names sidecars only',
  ]);
  assert.deepEqual(
    summary({
      sidecars: [sidecar('a', { depends_on: ['b'], sidecar_for: ['web', 'worker'] }), sidecar('b')],
    }),
    [
      'error dependency_not_beside sidecars.0.depends_on.0: "b" does not run beside worker (its sidecar_for is [web]), so "a" would wait for it forever there',
    ],
  );
  assert.deepEqual(
    summary({
      sidecars: [
        sidecar('a', { depends_on: ['b'] }),
        sidecar('b', { depends_on: ['c'] }),
        sidecar('c', { depends_on: ['a'] }),
      ],
    }),
    [
      'error dependency_cycle sidecars.0.depends_on.0: depends_on makes a cycle: a → b → c → a; none of them could ever start',
    ],
  );
  assert.deepEqual(summary({ sidecars: [sidecar('a', { depends_on: ['a'] })] }), [
    'error dependency_cycle sidecars.0.depends_on.0: "a" depends on itself',
  ]);
});

test('the app waits for a sidecar that waits for the app: start: with_app is the way out', () => {
  const sidecar = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    command: 'x',
    memory: 64,
    ...extra,
  });
  const waiting: AppProcfile = {
    ...procfile(['web', 'worker']),
    commandOf: (type) => (type === 'web' ? 'sidecars wait proxy && ./start' : './work'),
  };
  assert.deepEqual(summary({ sidecars: [sidecar('proxy')] }, { procfile: waiting }), [
    `error wait_deadlock sidecars.0.start: the web process waits for "proxy" (Procfile:1: sidecars wait proxy), but "proxy" starts only after web's health check passes (start: after_app): neither would ever start`,
  ]);
  assert.deepEqual(
    summary({ sidecars: [sidecar('proxy', { start: 'with_app' })] }, { procfile: waiting }),
    [],
  );
  // with_app itself, but it depends on an after_app sidecar: still a deadlock, named at that one
  const through = summary(
    { sidecars: [sidecar('proxy', { start: 'with_app', depends_on: ['agent'] }), sidecar('agent')] },
    { procfile: waiting },
  );
  assert.equal(through.length, 1);
  assert.match(
    through[0] ?? '',
    /^error wait_deadlock sidecars\.1\.start: .*through depends_on: "proxy" waits for "agent"/,
  );
});

test('stop: after_app needs a port or http check on its process type', () => {
  const sidecar = {
    name: 'proxy',
    command: 'x',
    memory: 64,
    stop: 'after_app',
    sidecar_for: ['web', 'worker'],
  };
  assert.deepEqual(summary({ sidecars: [sidecar] }), [
    'error stop_after_app_blind sidecars.0.stop: stop: after_app sees the app end through its port, but process type worker has a process health check: no port shows when it has ended',
  ]);
  assert.deepEqual(
    summary({ sidecars: [sidecar], processes: { worker: { health_check: { type: 'port' } } } }),
    [],
  );
});
