import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { toMergedState } from '../../../../src/supervisor/api/status-proxy.js';
import type { ProcessView } from '../../../../src/supervisor/model/process-view.js';

const row = (state: string) => ({ state }) as unknown as ProcessView;

test("the merged /state has every supervisor's rows, finished once all are", () => {
  const merged = toMergedState([
    { finished: false, pid: 1, processes: { agent: row('running') } },
    { finished: true, pid: 2, processes: { worker: row('exited') } },
  ]);
  assert.deepEqual(merged, { finished: false, processes: { agent: row('running'), worker: row('exited') } });
  assert.equal(toMergedState([{ finished: true, processes: {} }]).finished, true);
  assert.deepEqual(toMergedState([]), { finished: true, processes: {} });
});
