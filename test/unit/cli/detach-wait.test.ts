import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import { toWaitStep } from '../../../src/cli/detach-wait.js';
import type { ProcessView, StateBody } from '../../../src/supervisor/model/process-view.js';

function view(state: ProcessView['state'], health: ProcessView['health']): ProcessView {
  return { state, pid: 1, health, rss_mb: null, limit_mb: null, restarts: 0, last_exit: null, since: 0 };
}

function body(processes: Record<string, ProcessView>, finished = false): StateBody {
  return { finished, processes };
}

const NAMES = ['web', 'sidecars-web', 'sidecars-web/agent'];
const look = (b: StateBody | null, more: { runEnded?: boolean; timedOut?: boolean } = {}) =>
  toWaitStep({ body: b, names: NAMES, runEnded: more.runEnded ?? false, timedOut: more.timedOut ?? false });

test('ready once the main process is healthy and every sidecar, nested ones too', () => {
  const all = body({
    web: view('healthy', 'passing'),
    'sidecars-web': view('running', null),
    'sidecars-web/agent': view('running', null),
  });
  assert.deepEqual(look(all), { kind: 'ready' });
  // the nested exec answers later: its sidecars are not listed yet
  const early = body({ web: view('healthy', 'passing'), 'sidecars-web': view('running', null) });
  assert.deepEqual(look(early), { kind: 'wait' });
  assert.deepEqual(look(null), { kind: 'wait' });
});

test('the run ended (its process, or its state API says finished): ended, even when timed out', () => {
  assert.deepEqual(look(null, { runEnded: true, timedOut: true }), { kind: 'ended' });
  assert.deepEqual(look(body({}, true)), { kind: 'ended' });
});

test('timed out: each process that is not healthy, with what was last seen of it', () => {
  const stuck = body({
    web: view('healthy', 'passing'),
    'sidecars-web': view('running', null),
    'sidecars-web/agent': view('running', 'unknown'),
  });
  assert.deepEqual(look(stuck, { timedOut: true }), {
    kind: 'timeout',
    notHealthy: ['sidecars-web/agent (running, health unknown)'],
  });
  const early = body({ web: view('starting', 'failing'), 'sidecars-web': view('pending', null) });
  assert.deepEqual(look(early, { timedOut: true }), {
    kind: 'timeout',
    notHealthy: [
      'web (starting, health failing)',
      'sidecars-web (pending, health none (healthy once running))',
      'sidecars-web/agent (not started yet)',
    ],
  });
  assert.deepEqual(look(null, { timedOut: true }), {
    kind: 'timeout',
    notHealthy: NAMES.map((name) => `${name} (no answer from the run's state API)`),
  });
});
