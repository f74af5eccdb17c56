import assert from 'node:assert/strict';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  NESTED_READY_ENV,
  sayNestedReady,
  takeNestedReadyFd,
} from '../../../../src/supervisor/core/nested-ready.js';

test('the ready fd is read from the environment and taken out of it; anything but an fd above 2 is none', () => {
  const env: Record<string, string | undefined> = { [NESTED_READY_ENV]: '4', KEEP: 'x' };
  assert.equal(takeNestedReadyFd(env), 4);
  assert.deepEqual(env, { KEEP: 'x' });
  for (const value of ['', '1', '2', 'four', '-4', '4.5', '99999', undefined]) {
    const other: Record<string, string | undefined> = { [NESTED_READY_ENV]: value };
    assert.equal(takeNestedReadyFd(other), null, String(value));
    assert.equal(NESTED_READY_ENV in other, false);
  }
});

test('saying ready writes one newline and closes the fd; a closed fd is nothing to report', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nested-ready-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'ready');
  const fd = openSync(file, 'w');
  sayNestedReady(fd);
  assert.equal(readFileSync(file, 'utf8'), '\n');
  assert.doesNotThrow(() => sayNestedReady(fd)); // closed now: EBADF, ignored
});
