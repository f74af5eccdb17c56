import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  decideRestart,
  isRestartable,
  toBackoffMs,
  toResetBudget,
} from '../../../../src/supervisor/policies/restart-budget.js';
import type { RunEnd } from '../../../../src/supervisor/model/restart-decision.js';

const end = (overrides: Partial<RunEnd> = {}): RunEnd => ({
  reason: 'exited',
  exitCode: 3,
  healthySince: null,
  endedAt: 100_000,
  byOperator: false,
  ...overrides,
});

test('the back-off curve: 1 s, ×2, capped at 30 s', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 50].map(toBackoffMs),
    [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000],
  );
});

test('what each policy restarts', () => {
  const cases: Array<[RunEnd['reason'], number | null]> = [
    ['exited', 3],
    ['exited', 0],
    ['signal', null],
    ['oom', null],
    ['unhealthy', null],
    ['stopped', null],
    ['spawn_failed', null],
    ['gate_timeout', null],
  ];
  const table = cases.map(([reason, exitCode]) =>
    [
      `${reason}:${exitCode}`,
      isRestartable('never', { reason, exitCode }),
      isRestartable('on-failure', { reason, exitCode }),
      isRestartable('always', { reason, exitCode }),
    ].join(' '),
  );
  assert.deepEqual(table, [
    'exited:3 false true true',
    'exited:0 false false true',
    'signal:null false true true',
    'oom:null false true true',
    'unhealthy:null false true true',
    'stopped:null false false false',
    'spawn_failed:null false false false',
    'gate_timeout:null false false false',
  ]);
});

test('a budget of 3: three restarts at 1, 2, 4 s, then exhausted', () => {
  let budget = { used: 0, max: 3 };
  const seen: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const decision = decideRestart('on-failure', budget, end());
    if (decision.kind === 'final') throw new Error('final');
    budget = decision.budget;
    seen.push(decision.kind === 'restart' ? `${decision.attempt}@${decision.delayMs}` : decision.kind);
  }
  assert.deepEqual(seen, ['1@1000', '2@2000', '3@4000', 'exhausted']);
});

test('max_restarts 0: the first failure exhausts it; never and exit 0 under on-failure are final', () => {
  assert.equal(decideRestart('always', { used: 0, max: 0 }, end()).kind, 'exhausted');
  assert.equal(decideRestart('never', { used: 0, max: 5 }, end()).kind, 'final');
  assert.equal(decideRestart('on-failure', { used: 0, max: 5 }, end({ exitCode: 0 })).kind, 'final');
});

test('healthy for 60 s resets the count and the delay; 59.999 s does not', () => {
  const budget = { used: 4, max: 5 };
  assert.deepEqual(toResetBudget(budget, { healthySince: 40_000, endedAt: 100_000 }), { used: 0, max: 5 });
  assert.deepEqual(toResetBudget(budget, { healthySince: 40_001, endedAt: 100_000 }), budget);
  assert.deepEqual(toResetBudget(budget, { healthySince: null, endedAt: 100_000 }), budget);
  const decision = decideRestart('on-failure', budget, end({ healthySince: 40_000 }));
  assert.deepEqual(decision, { kind: 'restart', delayMs: 1_000, attempt: 1, budget: { used: 1, max: 5 } });
});

test("an operator's restart: at once, not counted, even under never or a spent budget", () => {
  const decision = decideRestart('never', { used: 2, max: 2 }, end({ byOperator: true, reason: 'stopped' }));
  assert.deepEqual(decision, { kind: 'restart', delayMs: 0, attempt: 2, budget: { used: 2, max: 2 } });
});
