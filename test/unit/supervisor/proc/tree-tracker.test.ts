import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createTreeTracker, mayBeAlive } from '../../../../src/supervisor/proc/tree-tracker.js';

test('mayBeAlive asks about every known group (negative target) and pid, and is false only when all are gone', () => {
  const tracker = createTreeTracker(100);
  tracker.pids.add(101);
  tracker.groups.add(200);
  const asked: number[] = [];
  const probe = (alive: number[]) => (target: number) => {
    asked.push(target);
    return alive.includes(target);
  };
  assert.equal(mayBeAlive(tracker, probe([])), false);
  assert.deepEqual(
    asked.sort((a, b) => a - b),
    [-200, -100, 100, 101],
  );
  assert.equal(mayBeAlive(tracker, probe([-200])), true, 'a member of a known group is left');
  assert.equal(mayBeAlive(tracker, probe([101])), true, 'a known pid is left');
});
