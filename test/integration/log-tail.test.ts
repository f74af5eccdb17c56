// A bounded log on disk: two segments, never more than twice the tail, and the last bytes always there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';
import { readLogTail } from '../../src/supervisor/records/log-tail.js';
import { startRecords } from '../../src/supervisor/records/write-records.js';
import { fakeSpec } from '../helpers/fakes.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

test('readLogTail reads the last bytes across both segments, a missing one empty', async (t) => {
  const dir = await makeTempDir(t, 'log-tail-');
  const older = path.join(dir, 'older');
  const newer = path.join(dir, 'newer');
  writeFileSync(older, 'AAAAA');
  writeFileSync(newer, 'BBB');
  assert.equal(String(readLogTail([older, newer], 4)), 'ABBB');
  assert.equal(String(readLogTail([older, newer], null)), 'AAAAABBB');
  assert.equal(String(readLogTail([path.join(dir, 'none'), newer], 10)), 'BBB');
  assert.equal(String(readLogTail([older, newer], 3)), 'BBB');
});

test('a recorder with a tail keeps at most twice it on disk and ends with exactly the last bytes', async (t) => {
  const dir = await makeTempDir(t, 'log-tail-rec-');
  const recorder = await startRecords(dir, { version: '0', mode: 'exec' }, [fakeSpec('chatty')], {
    nowMs: Date.now(),
    logTailBytes: 1000,
  });
  const spec = recorder.specs[0];
  const record = spec?.output.record;
  assert.ok(record !== undefined);
  let all = '';
  for (let i = 0; i < 500; i++) {
    const line = `line ${i}\n`;
    all += line;
    record(Buffer.from(line));
    const onDisk = readdirSync(dir)
      .filter((f) => f.includes('chatty'))
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    assert.ok(onDisk <= 2 * 1000 + line.length, `${onDisk} bytes on disk after line ${i}`);
  }
  const [log] = recorder.logs();
  assert.equal(String(readLogTail(log?.parts ?? [], 1000)), all.slice(-1000));
  assert.equal(log?.writtenBytes, Buffer.byteLength(all));
  await recorder.finish({ results: [], cause: null, exitCode: 0, summary: '' }, Date.now());
  assert.equal(readFileSync(path.join(dir, 'chatty.log'), 'utf8'), all.slice(-1000));
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.')),
    [],
    'no segment left behind',
  );
});
