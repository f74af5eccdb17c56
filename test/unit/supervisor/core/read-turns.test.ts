import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createReadTurns } from '../../../../src/supervisor/core/read-turns.js';

/** Turns on a fake clock: `later` keeps what it was given to run, `tick` runs it. */
function setUp(turns = 2, silentMs = 100) {
  let now = 0;
  const pending: Array<() => void> = [];
  const turned: string[] = [];
  const readTurns = createReadTurns<string>((who) => turned.push(who), {
    turns,
    silentMs,
    now: () => now,
    later: (fn) => pending.push(fn),
  });
  const tick = (ms: number): void => {
    now += ms;
    for (const fn of pending.splice(0)) fn();
  };
  return { readTurns, turned, tick, pending };
}

test('as many ask at once as there are turns; the next waits for a release, first come first served', () => {
  const { readTurns, turned } = setUp(2);
  assert.equal(readTurns.ask('a'), true);
  assert.equal(readTurns.ask('b'), true);
  assert.equal(readTurns.ask('a'), true, 'a turn held is held until released');
  assert.equal(readTurns.ask('c'), false);
  assert.equal(readTurns.ask('d'), false);
  assert.deepEqual(turned, []);
  readTurns.release('b');
  assert.deepEqual(turned, ['c'], 'the first that waits gets the turn');
  assert.equal(readTurns.ask('c'), true);
  readTurns.release('a');
  assert.deepEqual(turned, ['c', 'd']);
});

test('a turn held by one that stays silent goes to one that waits', () => {
  const { readTurns, turned, tick, pending } = setUp(1, 100);
  assert.equal(readTurns.ask('quiet'), true);
  assert.equal(readTurns.ask('loud'), false);
  assert.equal(pending.length, 1, 'a check is due once the holder has been silent long enough');
  tick(50);
  assert.deepEqual(turned, [], 'not silent long enough');
  tick(50);
  assert.deepEqual(turned, ['loud']);
  readTurns.release('quiet');
  assert.equal(readTurns.ask('other'), false, 'the quiet one gave its turn up: releasing it frees none');
});

test('one that ends while it waits never gets a turn', () => {
  const { readTurns, turned } = setUp(1);
  readTurns.ask('a');
  readTurns.ask('gone');
  readTurns.ask('b');
  readTurns.release('gone');
  readTurns.release('a');
  assert.deepEqual(turned, ['b']);
});
