import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  type ClaimHolder,
  type HolderProbe,
  isHolderAlive,
  parseClaim,
  toClaimText,
  toHolderText,
} from '../../../../src/supervisor/claim/claim-holder.js';

const BOOT = '7d737af4-1497-459b-98cd-b2cfcd6306f3';
const HOLDER: ClaimHolder = { pid: 4242, startTicks: 1000, bootId: BOOT, by: 'sidecars exec' };

/** A machine where `live` maps each running pid to its start time. */
function probe(live: Record<number, number>, opts: Partial<HolderProbe> = {}): HolderProbe {
  return {
    bootId: BOOT,
    hasStartTicks: true,
    startTicks: (pid) => live[pid] ?? null,
    exists: (pid) => live[pid] !== undefined,
    ...opts,
  };
}

test('a claim file names its holder, one line of JSON, and reads back the same', () => {
  const text = toClaimText(HOLDER, 1_700_000_000_000);
  assert.equal(
    text,
    `{"version":1,"pid":4242,"start_ticks":1000,"boot_id":"${BOOT}","by":"sidecars exec","at":1700000000000}\n`,
  );
  assert.deepEqual(parseClaim(text), HOLDER);
  const noProc = { ...HOLDER, startTicks: null, bootId: null };
  assert.deepEqual(parseClaim(toClaimText(noProc, 1)), noProc);
  assert.equal(toHolderText(HOLDER), 'pid 4242 (sidecars exec)');
});

test('anything but a claim of this version is no claim', () => {
  for (const text of [
    '',
    '{"version":1,"pid":42',
    'null',
    '[]',
    '{"version":2,"pid":42,"start_ticks":1,"boot_id":null}',
    '{"version":1,"pid":0,"start_ticks":1,"boot_id":null}',
    '{"version":1,"pid":"42","start_ticks":1,"boot_id":null}',
    '{"version":1,"pid":42,"start_ticks":1.5,"boot_id":null}',
    '{"version":1,"pid":42,"start_ticks":1,"boot_id":7}',
  ]) {
    assert.equal(parseClaim(text), null, text);
  }
  assert.equal(parseClaim('{"version":1,"pid":42,"start_ticks":1,"boot_id":null}')?.by, 'another process');
});

test('its holder is alive only while the same pid has the same start time, in the same boot', () => {
  assert.equal(isHolderAlive(HOLDER, probe({ 4242: 1000 })), true);
  assert.equal(isHolderAlive(HOLDER, probe({})), false, 'gone (or a zombie: no start time)');
  assert.equal(isHolderAlive(HOLDER, probe({ 4242: 1001 })), false, 'the pid is another process now');
  assert.equal(
    isHolderAlive(HOLDER, probe({ 4242: 1000 }, { bootId: 'another-boot' })),
    false,
    'a claim from before a reboot',
  );
});

test('without start times (no /proc), the pid existing is all there is', () => {
  const noProc = { ...HOLDER, startTicks: null, bootId: null };
  assert.equal(isHolderAlive(noProc, probe({ 4242: 1 })), true);
  assert.equal(isHolderAlive(noProc, probe({})), false);
  const here = probe({ 4242: 1 }, { hasStartTicks: false, bootId: null, startTicks: () => null });
  assert.equal(
    isHolderAlive(HOLDER, here),
    true,
    'a claim made where there was /proc, read where there is none',
  );
});
