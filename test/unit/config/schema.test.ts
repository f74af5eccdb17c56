import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseConfigText } from '../../../src/config/parse-file.js';
import { validateSidecarsData } from '../../../src/config/validate.js';

function validate(text: string): ReturnType<typeof validateSidecarsData> {
  const parsed = parseConfigText(Buffer.from(text), 'sidecars.yml');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return validateSidecarsData(parsed.data, 'sidecars.yml', parsed.lines);
}

function messages(text: string): string[] {
  const result = validate(text);
  assert.ok(!result.ok, 'expected issues');
  return result.issues.map(
    (issue) => `${issue.line} ${issue.path.join('.')}: ${issue.message} | ${issue.hint}`,
  );
}

test('defaults: layout grouped, sidecar_for [web], memory in MB, restart never with 5 max_restarts', () => {
  const result = validate('sidecars:\n  - {name: a, command: run, memory: 1G}\n');
  assert.ok(result.ok);
  assert.deepEqual(result.file, {
    layout: 'grouped',
    sidecars: [
      {
        name: 'a',
        command: 'run',
        memory: 1024,
        sidecar_for: ['web'],
        restart: 'never',
        max_restarts: 5,
        depends_on: [],
        start: 'after_app',
        stop: 'with_app',
      },
    ],
    processes: {},
  });
});

test('health check defaults are filled, and the type is left to the process type', () => {
  const result = validate('processes:\n  worker:\n    health_check: {}\n');
  assert.ok(result.ok);
  assert.deepEqual(result.file.processes['worker']?.health_check, {
    timeout: 60,
    invocation_timeout: 1,
    interval: 30,
  });
});

test('every problem is reported at once, each with its line, path and hint', () => {
  assert.deepEqual(
    messages(
      [
        'sidecars:',
        '  - name: Agent',
        '    command: ""',
        '    memory: 64MiB',
        '    memroy: 1',
        '  - name: b',
        '    command: x',
        '    memory: 1',
        '    sidecar_for: []',
        'layout: side',
      ].join('\n'),
    ),
    [
      '2 sidecars.0.name: "Agent" is not a valid sidecar name | Use lowercase letters, digits, "-" and "_", starting with a letter or digit, at most 63 characters, not starting with "sidecars-" (metrics-agent).',
      '3 sidecars.0.command: must not be empty | Write the shell command that starts the sidecar (run by bash -c, at most 4096 characters), e.g. command: ./bin/agent --port 9100',
      '4 sidecars.0.memory: "64MiB" is not a memory size: the unit "MiB" is not one of M, MB, G, GB | Write an integer number of MB (64) or a size with a unit (64M, 64MB, 1G, 1GB).',
      '5 sidecars.0.memroy: unknown key | Did you mean "memory"? Allowed here: name, command, memory, sidecar_for, health_check, restart, max_restarts, depends_on, start, stop.',
      '9 sidecars.1.sidecar_for: must list at least 1 item | List the process types this sidecar runs beside, e.g. sidecar_for: [web] (the default) or [web, worker].',
      '10 layout: "side" is not one of grouped, per-sidecar | Write layout: grouped (one supervisor per process type, the default) or layout: per-sidecar.',
    ],
  );
});

test('duplicate names and the reserved prefix are errors', () => {
  assert.deepEqual(
    messages(
      'sidecars:\n  - {name: a, command: x, memory: 1}\n  - {name: a, command: y, memory: 1}\n  - {name: sidecars-web, command: z, memory: 1}\n',
    ),
    [
      '3 sidecars.1.name: "a" is already the name of sidecars[0] | Give every sidecar a name of its own.',
      '4 sidecars.2.name: "sidecars-web" starts with "sidecars-", which is reserved | Use lowercase letters, digits, "-" and "_", starting with a letter or digit, at most 63 characters, not starting with "sidecars-" (metrics-agent).',
    ],
  );
});

test('missing required fields say so', () => {
  assert.deepEqual(messages('sidecars:\n  - name: a\n'), [
    '2 sidecars.0.command: is required | Write the shell command that starts the sidecar (run by bash -c, at most 4096 characters), e.g. command: ./bin/agent --port 9100',
    '2 sidecars.0.memory: is required | Write an integer number of MB (64) or a size with a unit (64M, 64MB, 1G, 1GB).',
  ]);
});

test('an endpoint on a non-http check is an error with its own hint', () => {
  assert.deepEqual(messages('processes:\n  web:\n    health_check: {type: port, endpoint: /x}\n'), [
    '3 processes.web.health_check.endpoint: applies to http checks only, but the type is port | Add type: http to this health_check, or remove endpoint.',
  ]);
});

test('the CF manifest key process_types is pointed to sidecar_for', () => {
  assert.deepEqual(messages('sidecars:\n  - {name: a, command: x, memory: 1, process_types: [web]}\n'), [
    '2 sidecars.0.process_types: unknown key | Did you mean "sidecar_for"? Allowed here: name, command, memory, sidecar_for, health_check, restart, max_restarts, depends_on, start, stop.',
  ]);
});

test('a misspelt key reports the typo once, not also the field it leaves missing', () => {
  assert.deepEqual(messages('sidecars:\n  - name: a\n    comand: x\n    memory: 1\n'), [
    '3 sidecars.0.comand: unknown key | Did you mean "command"? Allowed here: name, command, memory, sidecar_for, health_check, restart, max_restarts, depends_on, start, stop.',
  ]);
});

const SIDECAR = 'sidecars:\n  - name: a\n    command: run\n    memory: 64M\n';

test("a sidecar's health check: defaults (timeout 60, interval 10, invocation 1, threshold 3)", () => {
  const result = validate(`${SIDECAR}    restart: on-failure\n    health_check: {type: http, port: 9100}\n`);
  assert.ok(result.ok);
  const [sidecar] = result.file.sidecars;
  assert.deepEqual(sidecar?.health_check, {
    type: 'http',
    port: 9100,
    timeout: 60,
    interval: 10,
    invocation_timeout: 1,
    failure_threshold: 3,
  });
  assert.equal(sidecar?.restart, 'on-failure');
});

test("a sidecar's health check without the keys its type needs, or with keys of another type", () => {
  assert.deepEqual(messages(`${SIDECAR}    health_check: {type: exec}\n`), [
    '5 sidecars.0.health_check.command: is required for an exec check | Write the command to run, e.g. command: ./bin/agent --check (exit 0 = healthy).',
  ]);
  assert.deepEqual(messages(`${SIDECAR}    health_check: {type: port}\n`), [
    "5 sidecars.0.health_check.port: is required for a port check | Write the port the sidecar listens on, e.g. port: 9100 (a sidecar must not bind $PORT, the app's).",
  ]);
  assert.deepEqual(messages(`${SIDECAR}    health_check: {type: process, command: x, endpoint: /}\n`), [
    '5 sidecars.0.health_check.endpoint: applies to http checks only, but the type is process | Add type: http to this health_check, or remove endpoint.',
    '5 sidecars.0.health_check.command: applies to exec checks only, but the type is process | Add type: exec to this health_check, or remove command.',
  ]);
});

test('budgets and thresholds out of range; a misspelt restart value gets a did-you-mean', () => {
  const text = `${SIDECAR}    restart: on_failure\n    max_restarts: -1\n    health_check:\n      type: process\n      failure_threshold: 0\n      interval: 0\n`;
  assert.deepEqual(messages(text), [
    '5 sidecars.0.restart: "on_failure" is not one of never, on-failure, always | Did you mean "on-failure"? Write restart: never (the default: the container fails, as on the platform), on-failure (non-zero exit, signal, memory limit, failed health check) or always (exit 0 too).',
    '6 sidecars.0.max_restarts: -1 is too small: the minimum is 0 | Write how many restarts in a row are allowed before the container fails: a whole number from 0 to 100 (default 5).',
    '9 sidecars.0.health_check.failure_threshold: 0 is too small: the minimum is 1 | Write how many liveness checks in a row must fail to make the sidecar unhealthy: a whole number from 1 to 100 (default 3).',
    '10 sidecars.0.health_check.interval: 0 is too small: the minimum is 1 | Write the seconds between liveness checks once healthy: a whole number from 1 to 3600 (default 10).',
  ]);
  assert.deepEqual(messages(`${SIDECAR}    max_restarts: 1000\n`), [
    '5 sidecars.0.max_restarts: 1000 is too large: the maximum is 100 | Write how many restarts in a row are allowed before the container fails: a whole number from 0 to 100 (default 5).',
  ]);
});
