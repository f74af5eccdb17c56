import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createStopSignals } from '../../../../src/supervisor/core/stop-signals.js';

test('a signal before anyone takes the signals is pending; the first one wins', () => {
  const source = new EventEmitter();
  const signals = createStopSignals(source);
  assert.equal(signals.pending, null);
  source.emit('SIGINT');
  source.emit('SIGTERM');
  assert.equal(signals.pending, 'SIGINT');
  assert.equal(signals.toExitCode(1), 130, 'nobody supervised it: 128+signo');
});

test('take: a pending signal is handed over at once, later ones as they come, none after release', () => {
  const source = new EventEmitter();
  const signals = createStopSignals(source);
  source.emit('SIGTERM');
  const seen: string[] = [];
  const release = signals.take((signal) => seen.push(signal));
  assert.deepEqual(seen, ['SIGTERM']);
  assert.equal(signals.pending, null);
  source.emit('SIGINT');
  assert.deepEqual(seen, ['SIGTERM', 'SIGINT']);
  release();
  source.emit('SIGTERM');
  assert.deepEqual(seen, ['SIGTERM', 'SIGINT']);
  assert.equal(signals.pending, null, 'after supervision, a signal changes nothing');
  assert.equal(signals.toExitCode(3), 3, 'the run decided the exit code');
});

test('no signal: the command decides the exit code', () => {
  const signals = createStopSignals(new EventEmitter());
  assert.equal(signals.toExitCode(0), 0);
  assert.equal(signals.toExitCode(1), 1);
});

test('two supervisors at once is a bug', () => {
  const signals = createStopSignals(new EventEmitter());
  signals.take(() => undefined);
  assert.throws(() => signals.take(() => undefined), /two supervisors hold the stop signals/);
});

test('SIGHUP (the terminal closed) is a stop signal like SIGTERM: 128+1', () => {
  const source = new EventEmitter();
  const signals = createStopSignals(source);
  source.emit('SIGHUP');
  assert.equal(signals.pending, 'SIGHUP');
  assert.equal(signals.toExitCode(0), 129);
});
