import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { parseProcessPathSetting, toProcessPath } from '../../../../src/supervisor/proc/process-path.js';

test('SIDECARS_PROCESS_PATH: unset or empty is auto; auto, proc and portable are taken; anything else is a usage error', () => {
  assert.equal(parseProcessPathSetting(undefined), 'auto');
  assert.equal(parseProcessPathSetting(''), 'auto');
  for (const value of ['auto', 'proc', 'portable'] as const)
    assert.equal(parseProcessPathSetting(value), value);
  assert.throws(
    () => parseProcessPathSetting('ps'),
    (error: Error & { code?: string; hint?: string }) =>
      error.code === 'usage' &&
      error.message === 'SIDECARS_PROCESS_PATH=ps is not a process path' &&
      error.hint ===
        'Write auto (the default: /proc where Linux has children files, else portable), proc or portable.',
  );
});

test('auto takes /proc where it can read trees, else the portable path; portable is always taken; proc only where it can run', () => {
  assert.equal(toProcessPath('auto', true), 'proc');
  assert.equal(toProcessPath('auto', false), 'portable');
  assert.equal(toProcessPath('portable', true), 'portable');
  assert.equal(toProcessPath('portable', false), 'portable');
  assert.equal(toProcessPath('proc', true), 'proc');
  assert.throws(
    () => toProcessPath('proc', false),
    (error: Error & { code?: string; hint?: string }) =>
      error.code === 'usage' &&
      error.message ===
        'SIDECARS_PROCESS_PATH=proc: this system has no /proc/<pid>/task/<tid>/children files to read process trees from' &&
      error.hint === 'Unset SIDECARS_PROCESS_PATH (auto) or write portable: trees are then read with ps.',
  );
});
