import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { createReadyHold } from '../../../../src/supervisor/droplet/run-plan.js';

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

test('the hold lasts until every nested exec is ready, and no longer', async () => {
  const hold = createReadyHold(2, 60_000);
  const held = hold.hold();
  assert.equal(hold.hold(), held, 'one hold, however often asked');
  hold.ready();
  assert.equal(await settled(held), false);
  hold.ready();
  assert.equal(await settled(held), true);
});

test('the hold ends at its bound when a nested exec never says it is ready', async () => {
  const hold = createReadyHold(1, 20);
  const held = hold.hold();
  assert.equal(await settled(held), false);
  // its timer never keeps a run alive (unref): a live child does, which this one stands for
  const alive = setTimeout(() => undefined, 10_000);
  await held;
  clearTimeout(alive);
});

test('nothing to wait for: no hold', async () => {
  assert.equal(await settled(createReadyHold(0, 60_000).hold()), true);
});
