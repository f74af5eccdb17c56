import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  EXIT_RESERVE_MS,
  KILL_AFTER_DEADLINE_MS,
  STOP_WINDOW_MS,
  toLocalDeadline,
  toPlatformDeadline,
  toUploadTimes,
} from '../../../../src/supervisor/records/deadline.js';

test('exec on the platform: the supervisor has exited 9.5 s after the stop began, whatever the grace took', () => {
  assert.equal(toPlatformDeadline(1_000, 9_000), 10_500);
  assert.equal(toPlatformDeadline(null, 9_000), 18_500);
  assert.equal(toLocalDeadline(1_000, 9_000), 18_500);
});

test('every uploader gives up, then is killed, before the exit deadline, which is before the SIGKILL', () => {
  const stopAt = 100_000;
  const exitBy = toPlatformDeadline(stopAt, stopAt);
  const { giveUpAtMs, killAtMs } = toUploadTimes(exitBy);
  assert.equal(killAtMs, exitBy - EXIT_RESERVE_MS);
  assert.equal(giveUpAtMs, killAtMs - KILL_AFTER_DEADLINE_MS);
  assert.ok(giveUpAtMs < killAtMs && killAtMs < exitBy && exitBy < stopAt + STOP_WINDOW_MS);
  assert.deepEqual([giveUpAtMs - stopAt, killAtMs - stopAt, exitBy - stopAt], [8_750, 9_000, 9_500]);
});
