import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import type { SupervisorEvent } from '../../../../src/supervisor/model/events.js';
import { createEventLines, toClock } from '../../../../src/supervisor/policies/event-lines.js';
import {
  createEventMemory,
  EVENT_TYPES,
  toEventLevel,
  toEventText,
} from '../../../../src/supervisor/policies/event-text.js';
import { toLogRecord } from '../../../../src/supervisor/policies/log-events.js';

const MB = 1024 * 1024;
const at = Date.UTC(2026, 11, 7, 12, 1, 3);

/** One event of every type, with every optional field left out where it may be. */
const SAMPLES: SupervisorEvent[] = [
  { type: 'process.pending', name: 'agent', cause: 'created', at },
  { type: 'process.waiting', name: 'agent', cause: 'web: http check on http://127.0.0.1:9100/health', at },
  { type: 'process.waiting', name: 'agent', cause: 'db healthy', at },
  { type: 'process.starting', name: 'agent', cause: 'gate open', at },
  { type: 'process.starting', name: 'agent', cause: 'restart: back-off of 1000 ms over', at },
  { type: 'process.running', name: 'agent', cause: 'spawned', pid: 42, at },
  {
    type: 'process.healthy',
    name: 'agent',
    cause: 'http check on http://127.0.0.1:9100/health',
    at: at + 41,
  },
  { type: 'process.healthy', name: 'other', cause: 'running', at },
  {
    type: 'process.restarting',
    name: 'agent',
    cause: 'exited',
    exitCode: 1,
    signal: null,
    reason: 'exited',
    attempt: 1,
    delayMs: 1000,
    at,
  },
  {
    type: 'process.restarting',
    name: 'agent',
    cause: 'operator',
    reason: 'operator',
    attempt: 0,
    delayMs: 0,
    at,
  },
  {
    type: 'process.exited',
    name: 'crasher',
    cause: 'exited',
    exitCode: 3,
    signal: null,
    reason: 'exited',
    at,
  },
  { type: 'process.exited', name: 'hog', cause: 'oom', exitCode: null, signal: 'SIGKILL', reason: 'oom', at },
  {
    type: 'process.killed',
    name: 'agent',
    cause: 'stopped',
    exitCode: null,
    signal: 'SIGTERM',
    reason: 'stopped',
    at,
  },
  { type: 'process.killed', name: 'agent', cause: 'stopped', at },
  {
    type: 'process.killed',
    name: 'agent',
    cause: 'process type web did not become healthy',
    exitCode: null,
    signal: null,
    reason: 'gate_timeout',
    at,
  },
  { type: 'gate.passed', name: 'agent', target: 'port check on 127.0.0.1:8080', waitedMs: 1418, at },
  {
    type: 'gate.timed_out',
    name: 'agent',
    target: 'port check',
    waitedMs: 60_000,
    detail: 'did not pass',
    at,
  },
  { type: 'health.passed', name: 'agent', target: 'exec check "true"', at },
  { type: 'health.failed', name: 'agent', target: 'http', detail: 'liveness http check failed: 500', at },
  { type: 'restart.requested', name: 'agent', by: 'operator', at },
  {
    type: 'restart.budget_exhausted',
    name: 'agent',
    restarts: 3,
    exitCode: 1,
    signal: null,
    reason: 'exited',
    at,
  },
  {
    type: 'memory.exceeded',
    name: 'hog',
    rssBytes: 72 * MB,
    pssBytes: null,
    limitBytes: 64 * MB,
    pids: [1],
    at,
  },
  {
    type: 'memory.shared_below_limit',
    name: 'hog',
    rssBytes: 72 * MB,
    pssBytes: 60 * MB,
    limitBytes: 64 * MB,
    at,
  },
  { type: 'memory.sample_failed', name: 'hog', error: 'EACCES', consecutive: 2, at },
  { type: 'process.kill_forced', name: 'stubborn', pid: 7, at },
  { type: 'supervisor.stop_requested', cause: 'crasher', at },
  { type: 'supervisor.stop_requested', cause: 'SIGTERM', signal: 'SIGTERM', at },
  {
    type: 'supervisor.finished',
    exitCode: 3,
    summary: 'crasher exited with code 3; stopped 2 other process(es)',
    at,
  },
  { type: 'records.uploaded', what: 'end', objects: 4, tookMs: 120, at },
  { type: 'records.upload_failed', what: 'end', keys: ['a/b'], reason: 'AccessDenied', at },
];

test('every event type has a human line, with no undefined, null or [object in it', () => {
  const types = new Set(SAMPLES.map((event) => event.type));
  assert.deepEqual(
    [...EVENT_TYPES].filter((type) => !types.has(type)),
    [],
    'a sample of every type',
  );
  const memory = createEventMemory();
  for (const event of SAMPLES) {
    const text = toEventText(event, memory);
    assert.ok(text.length > 0, event.type);
    assert.doesNotMatch(text, /undefined|null|\[object|NaN/, `${event.type}: ${text}`);
    assert.notEqual(text, event.type, `${event.type} has a phrase of its own`);
  }
});

test('the lines say what happened in a few words, as the issue shows them', () => {
  const memory = createEventMemory();
  const line = (event: SupervisorEvent) => toEventText(event, memory);
  line({ type: 'process.running', name: 'agent', cause: 'spawned', pid: 42, at });
  line({ type: 'process.running', name: 'web', cause: 'spawned', pid: 43, at });
  line({ type: 'process.running', name: 'crasher', cause: 'spawned', pid: 44, at });
  assert.equal(
    line({
      type: 'process.healthy',
      name: 'agent',
      cause: 'http check on http://127.0.0.1:9100/health',
      at: at + 41,
    }),
    'agent healthy (http :9100/health, 41 ms)',
  );
  assert.equal(
    line({
      type: 'process.exited',
      name: 'crasher',
      cause: 'exited',
      exitCode: 3,
      signal: null,
      reason: 'exited',
      at,
    }),
    'crasher exited with code 3',
  );
  assert.equal(
    line({ type: 'supervisor.stop_requested', cause: 'crasher', at }),
    'stopping 2 others (crasher ended)',
  );
  assert.equal(
    line({
      type: 'memory.exceeded',
      name: 'hog',
      rssBytes: 72 * MB,
      pssBytes: null,
      limitBytes: 64 * MB,
      pids: [1],
      at,
    }),
    toLogRecord({
      type: 'memory.exceeded',
      name: 'hog',
      rssBytes: 72 * MB,
      pssBytes: null,
      limitBytes: 64 * MB,
      pids: [1],
      at,
    }).msg,
  );
});

test('a crash is an error and a restart a warning; a stop asked for stays info', () => {
  const byType = (type: string) => SAMPLES.filter((event) => event.type === type).map(toEventLevel);
  assert.deepEqual(byType('process.exited'), ['error', 'error']);
  assert.deepEqual(byType('process.restarting'), ['warn', 'info']);
  assert.deepEqual(byType('process.killed'), ['info', 'info', 'error']);
  assert.deepEqual(byType('process.running'), ['info']);
  assert.deepEqual(byType('memory.exceeded'), ['error']);
});

test('createEventLines turns pino JSON records into timed lines, coloured by level only when asked', () => {
  const json = (record: object) => `${JSON.stringify({ time: new Date(at).toISOString(), ...record })}\n`;
  const plain = createEventLines({ colour: false });
  const clock = toClock(at);
  assert.equal(
    plain(json({ level: 'info', proc: 'web', event: 'process.running', pid: 42, cause: 'spawned' })),
    `${clock} web running (pid 42)\n`,
  );
  assert.equal(
    plain(
      json({
        level: 'info',
        event: 'status.listening',
        address: '127.0.0.1:1',
        msg: 'state API on 127.0.0.1:1',
      }),
    ),
    `${clock} state API on 127.0.0.1:1\n`,
  );
  assert.equal(
    plain(json({ level: 'warn', event: 'something.new', count: 2 })),
    `${clock} something.new count=2\n`,
  );
  assert.equal(plain('not json\n'), 'not json\n');
  const coloured = createEventLines({ colour: true });
  const crash = coloured(
    json({
      level: 'info',
      proc: 'crasher',
      event: 'process.exited',
      exitCode: 3,
      signal: null,
      reason: 'exited',
      cause: 'exited',
    }),
  );
  assert.equal(crash, `\u001b[2m${clock}\u001b[0m \u001b[1;31mcrasher exited with code 3\u001b[0m\n`);
  const info = coloured(json({ level: 'info', proc: 'web', event: 'process.starting', cause: 'gate open' }));
  assert.equal(info, `\u001b[2m${clock}\u001b[0m web starting\n`);
});

test('toClock is the local HH:MM:SS', () => {
  const date = new Date(2026, 0, 2, 3, 4, 5);
  assert.equal(toClock(date.getTime()), '03:04:05');
});
