import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { readAppPidFile } from '../../../../src/supervisor/proc/app-end.js';

test('the app pid run hands a nested exec: a whole line of digits, else none', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'app-pid-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'app.pid');
  assert.deepEqual(readAppPidFile(null), [], 'not under run');
  assert.deepEqual(readAppPidFile(file), [], 'not written yet');
  const cases: Array<[string, number[]]> = [
    ['4242\n', [4242]],
    ['4242', []], // half-written: run renames a whole line into place
    ['', []],
    ['1\n', []], // never init
    ['0\n', []],
    ['-5\n', []],
    ['42 43\n', []],
    ['abc\n', []],
  ];
  for (const [text, pids] of cases) {
    writeFileSync(file, text);
    assert.deepEqual(readAppPidFile(file), pids, JSON.stringify(text));
  }
});
