// The /proc tree reader on real processes: children, a child in its own session, the child of a
// multi-threaded process, an orphan, and what it forgets once processes are gone; and a stop that
// ends when Node.js reaps the root.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { createTreeControl } from '../../src/supervisor/proc/kill-tree.js';
import { readLastPid } from '../../src/supervisor/proc/last-pid.js';
import { openProcTreeReader } from '../../src/supervisor/proc/proc-tree-reader.js';
import { FakeClock } from '../helpers/fakes.js';
import { alivePids, isAlive } from '../helpers/pids.js';
import { waitFor } from '../helpers/wait-for.js';

const TREE = `
( sleep 1000 & echo "orphan $!"; wait ) &
echo "middle $!"
setsid sleep 1000 & echo "session $!"
node -e '
  const child = require("node:child_process").spawn("sleep", ["1000"], { stdio: "ignore" });
  console.log("threaded " + process.pid + "\\nnodechild " + child.pid);
  setInterval(() => {}, 1000);
' &
wait`;

const openFds = (): number => readdirSync('/proc/self/fd').length;

test(
  'reads a whole tree through held files, keeps an orphan it saw, forgets what is gone',
  { timeout: 30_000 },
  async (t) => {
    readLastPid(); // the one file held open for the life of the process (ns_last_pid), not a tree's
    const fdsBefore = openFds();
    const root = spawn('bash', ['-c', TREE], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    const rootPid = root.pid as number;
    const reader = openProcTreeReader(rootPid);
    const pids = new Map<string, number>();
    root.stdout.setEncoding('utf8');
    root.stdout.on('data', (chunk: string) => {
      for (const [, name, pid] of chunk.matchAll(/(\w+) (\d+)/g)) pids.set(name as string, Number(pid));
    });
    const all = (): number[] => [rootPid, ...pids.values()];
    t.after(() => {
      for (const pid of alivePids(all())) process.kill(pid, 'SIGKILL');
    });
    await waitFor('every pid printed', () => pids.size === 5);
    const pid = (name: string): number => pids.get(name) as number;

    const rows = await waitFor('the reader to see all six', () => {
      const read = reader.read();
      return all().every((p) => read.has(p)) && read;
    });
    assert.equal([...rows.keys()][0], rootPid, 'the root first');
    assert.equal(rows.get(pid('session'))?.pgid, pid('session'), 'setsid: a group of its own, still found');
    assert.ok((rows.get(pid('threaded'))?.threads ?? 0) > 1, 'node runs several threads');
    assert.equal(
      rows.get(pid('nodechild'))?.ppid,
      pid('threaded'),
      "found under the multi-threaded process's threads",
    );
    assert.ok((rows.get(rootPid)?.rssBytes ?? 0) > 0, "the root's memory is read");

    process.kill(pid('middle'), 'SIGKILL');
    await waitFor(
      'the middle process reaped',
      () => !isAlive(pid('middle')) && !reader.read().has(pid('middle')),
    );
    const parentNow = readFileSync(`/proc/${pid('orphan')}/stat`, 'latin1')
      .split(') ')[1]
      ?.split(' ')[1];
    assert.notEqual(Number(parentNow), pid('middle'), 'the orphan was re-parented');
    const orphaned = reader.read();
    assert.ok(orphaned.has(pid('orphan')), 'a descendant seen before is still the tree once orphaned');
    assert.ok((orphaned.get(pid('orphan'))?.rssBytes ?? 0) > 0, 'and its memory still counts');

    process.kill(-rootPid, 'SIGKILL');
    for (const name of ['orphan', 'session', 'threaded', 'nodechild']) process.kill(pid(name), 'SIGKILL');
    await new Promise((resolve) => root.once('exit', resolve));
    await waitFor('every member gone', () => alivePids(all()).length === 0);
    const after = await waitFor('the reader to forget every live member', () => {
      const read = reader.read();
      return [...read.values()].every((row) => row.zombie) && read;
    });
    assert.equal(after.has(rootPid), false, 'the reaped root has no row');
    assert.equal(
      await waitFor('no file left open', () => (reader.read().size === 0 ? openFds() : false)),
      fdsBefore,
    );
  },
);

test(
  'a children list longer than one read buffer (1,100 children: at least 4,400 bytes) is read whole',
  { timeout: 60_000 },
  async (t) => {
    const count = 1_100;
    const root = spawn('bash', ['-c', `for i in $(seq ${count}); do sleep 1000 & done; echo started; wait`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rootPid = root.pid as number;
    t.after(() => process.kill(-rootPid, 'SIGKILL'));
    const reader = openProcTreeReader(rootPid);
    await new Promise((resolve) => root.stdout.once('data', resolve));
    const rows = reader.read();
    assert.equal(rows.size, count + 1, 'the root and every child');
    for (const [pid, row] of rows) if (pid !== rootPid) assert.equal(row.ppid, rootPid);
    process.kill(-rootPid, 'SIGKILL');
    await new Promise((resolve) => root.once('exit', resolve));
  },
);

test(
  'a stopping tree that was only its root is done when Node.js reaps the root, not a poll later',
  { timeout: 30_000 },
  async (t) => {
    // the clock never moves: only the root's exit can end the wait
    const clock = new FakeClock(1_000);
    const child = spawn('bash', ['-c', 'exec sleep 1000'], { detached: true, stdio: 'ignore' });
    const pid = child.pid as number;
    t.after(() => {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const tree = createTreeControl(pid, clock, exited);
    await waitFor('bash to exec sleep', () =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep'),
    );
    await tree.stop(8_000, () => assert.fail('SIGTERM was enough'));
    assert.equal(isAlive(pid), false);
    assert.equal(clock.now(), 1_000, 'no poll waited for');
  },
);
