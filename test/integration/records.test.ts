import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { readArtifacts } from '../helpers/records.js';
import { readEvents } from '../helpers/run-sidecars.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 20_000 };
const PROCESS_CHECK = { web: healthCheck({ type: 'process' }) };

function sidecar(name: string, command: string, memoryMb = 64) {
  return { name, command, memoryMb, sidecarFor: ['web'] };
}

/** Records its pid, prints "sleeping", marks READY_FILE, then idles (exec: SIGTERM ends it). */
function idler(readyFile: string): string {
  return `echo $$ >> "$PIDS_FILE"; echo sleeping; echo up > ${JSON.stringify(readyFile)}; exec sleep 1000`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function assertAllGone(pids: number[]): Promise<void> {
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000);
  assert.deepEqual(alivePids(pids), []);
}

function started(config: string, processes: Array<[string, string, number | null]>, mode = 'exec') {
  return {
    timestamp: '<t>',
    metadata: {
      version: '0.1.0',
      mode,
      ...(mode === 'exec' ? { config } : { droplet: config }),
      processes: processes.map(([name, command, limit]) => ({
        name,
        type: mode === 'run' && name === 'web' ? 'process' : 'sidecar',
        command,
        memory_limit_mb: limit,
      })),
    },
  };
}

function proc_(
  reason: string,
  exitCode: number | null,
  signal: string | null,
  opts: { forced?: boolean; ran?: boolean; detail?: string } = {},
) {
  const ran = opts.ran ?? true;
  return {
    exit_code: exitCode,
    signal,
    reason,
    forced: opts.forced ?? false,
    peak_rss_mb: '<mb>',
    started_at: ran ? '<t>' : null,
    finished_at: '<t>',
    detail: opts.detail ?? null,
  };
}

/** quitter exits 3 once idler (32 MB) has started: a death with a sidecar to stop. */
function writeQuitterAndIdler(dir: string): { config: string; quitter: string; idler: string } {
  const ready = path.join(dir, 'ready');
  const commands = {
    quitter: `until [ -s ${JSON.stringify(ready)} ]; do sleep 0.01; done; exec ${proc('exit-with.sh')} 3`,
    idler: idler(ready),
  };
  const sidecars = [sidecar('quitter', commands.quitter), sidecar('idler', commands.idler, 32)];
  return { config: writeConfig(dir, runtimeConfig(sidecars, PROCESS_CHECK)), ...commands };
}

test('a death: finished.json names who died; logs and exit markers for each process', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'rec-death');
  const { config, ...commands } = writeQuitterAndIdler(dir);
  const artifacts = path.join(dir, 'artifacts');
  const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
    env: { PIDS_FILE: pidsFile },
  });
  assert.deepEqual(await cli.exited, { code: 3, signal: null });
  assert.deepEqual(readArtifacts(artifacts), {
    'finished.json': {
      timestamp: '<t>',
      passed: false,
      result: 'FAILURE',
      metadata: {
        exit_code: 3,
        cause: { process: 'quitter' },
        summary: 'quitter exited with code 3; stopped 1 other process(es)',
        processes: { quitter: proc_('exited', 3, null), idler: proc_('stopped', null, 'SIGTERM') },
      },
    },
    'idler.exit': '143\n',
    'idler.log': 'sleeping\n',
    'quitter.exit': '3\n',
    'quitter.log': 'exiting with 3\n',
    'started.json': started(config, [
      ['quitter', commands.quitter, 64],
      ['idler', commands.idler, 32],
    ]),
  });
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test('a memory kill: reason oom, exit marker 137', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'rec-oom');
  const command = `node ${proc('grow-rss.cjs')} & wait`;
  const config = writeConfig(dir, runtimeConfig([sidecar('hog', command, 80)], PROCESS_CHECK));
  const artifacts = path.join(dir, 'artifacts');
  const args = [
    'exec',
    '--for',
    'web',
    '--config',
    config,
    '--memory-interval-ms',
    '100',
    '--artifacts',
    artifacts,
  ];
  const cli = startCleaned(t, args, { env: { PIDS_FILE: pidsFile, STEP_MB: '16', STEP_MS: '100' } });
  assert.deepEqual(await cli.exited, { code: 137, signal: null });
  const records = readArtifacts(artifacts);
  const finished = records['finished.json'] as { metadata: { summary: string } };
  const raw = JSON.parse(readFileSync(path.join(artifacts, 'finished.json'), 'utf8')) as {
    metadata: { processes: { hog: { peak_rss_mb: number } } };
  };
  assert.ok(raw.metadata.processes.hog.peak_rss_mb > 80, 'the peak is over the limit');
  assert.match(
    finished.metadata.summary,
    /^hog was killed: hog exceeded its memory limit: \d+ MB > 80 MB \(PSS; RSS \d+ MB\)$/,
  );
  assert.deepEqual(records, {
    'finished.json': {
      timestamp: '<t>',
      passed: false,
      result: 'FAILURE',
      metadata: {
        exit_code: 137,
        cause: { process: 'hog' },
        summary: finished.metadata.summary,
        processes: {
          hog: proc_('oom', null, 'SIGKILL', {
            detail: finished.metadata.summary.slice('hog was killed: '.length),
          }),
        },
      },
    },
    'hog.exit': '137\n',
    'hog.log': '',
    'started.json': started(config, [['hog', command, 80]]),
  });
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test('a gate timeout: the sidecar never ran; exit marker 1', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'rec-gate');
  const port = await freePort();
  const config = writeConfig(
    dir,
    runtimeConfig([sidecar('agent', proc('sleep-forever.sh'))], { web: healthCheck({ timeoutMs: 500 }) }),
  );
  const artifacts = path.join(dir, 'artifacts');
  const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
    env: { PIDS_FILE: pidsFile, PORT: String(port) },
  });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  const records = readArtifacts(artifacts);
  const summary = (records['finished.json'] as { metadata: { summary: string } }).metadata.summary;
  assert.match(summary, /^agent was stopped: process type web did not become healthy: port check/);
  assert.deepEqual(records, {
    'agent.exit': '1\n',
    'agent.log': '',
    'finished.json': {
      timestamp: '<t>',
      passed: false,
      result: 'FAILURE',
      metadata: {
        exit_code: 1,
        cause: { process: 'agent' },
        summary,
        processes: {
          agent: proc_('gate_timeout', null, null, {
            ran: false,
            detail: summary.slice('agent was stopped: '.length),
          }),
        },
      },
    },
    'started.json': started(config, [['agent', proc('sleep-forever.sh'), 64]]),
  });
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test('SIGTERM: ABORTED, one process needed SIGKILL (forced)', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'rec-term');
  const ready = path.join(dir, 'ready');
  const config = writeConfig(
    dir,
    runtimeConfig(
      [sidecar('stubborn', proc('ignore-term.sh')), sidecar('idler', idler(ready))],
      PROCESS_CHECK,
    ),
  );
  const artifacts = path.join(dir, 'artifacts');
  const args = ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts, '--grace-ms', '300'];
  const cli = startCleaned(t, args, { env: { PIDS_FILE: pidsFile } });
  await waitFor('both to run', () => existsSync(ready) && readPids(pidsFile).length >= 2);
  await waitFor('stubborn output', () => cli.lines.includes('[stubborn] ignoring SIGTERM'));
  cli.child.kill('SIGTERM');
  assert.deepEqual(await cli.exited, { code: 143, signal: null });
  assert.deepEqual(readArtifacts(artifacts), {
    'finished.json': {
      timestamp: '<t>',
      passed: false,
      result: 'ABORTED',
      metadata: {
        exit_code: 143,
        cause: { signal: 'SIGTERM' },
        summary: 'received SIGTERM: stopped 2 process(es); killed after the grace period: stubborn',
        processes: {
          stubborn: proc_('stopped', null, 'SIGKILL', { forced: true }),
          idler: proc_('stopped', null, 'SIGTERM'),
        },
      },
    },
    'idler.exit': '143\n',
    'idler.log': 'sleeping\n',
    'started.json': started(config, [
      ['stubborn', proc('ignore-term.sh'), 64],
      ['idler', idler(ready), 64],
    ]),
    'stubborn.exit': '137\n',
    'stubborn.log': 'ignoring SIGTERM\n',
  });
  await assertAllGone([cli.pid, ...readPids(pidsFile)]);
});

test(
  'run: a failed health check — reason unhealthy — and commands recorded as written',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'rec-run');
    const port = await freePort();
    const config = runtimeConfig([sidecar('agent', proc('sleep-forever.sh'), 32)], {
      web: healthCheck({ type: 'http', endpoint: '/health', intervalMs: 200 }),
    });
    const web = `OK_COUNT=15 node ${proc('http-server.cjs')}`;
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: web,
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const artifacts = path.join(dir, 'artifacts');
    const args = ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--artifacts', artifacts];
    const cli = startCleaned(t, [...args, '--env', `PIDS_FILE=${pidsFile}`], { env: {} });
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    const records = readArtifacts(artifacts);
    const finished = records['finished.json'] as { metadata: { summary: string } };
    assert.match(
      finished.metadata.summary,
      /^web was stopped: liveness http check on .* failed: HTTP 500; stopped 1 other/,
    );
    const own = toOwnLaunch(config)[0]?.command ?? '';
    assert.deepEqual(
      records['started.json'],
      started(
        droplet,
        [
          ['web', web, 1024],
          ['sidecars-web', own, null],
        ],
        'run',
      ),
    );
    assert.deepEqual(records['finished.json'], {
      timestamp: '<t>',
      passed: false,
      result: 'FAILURE',
      metadata: {
        exit_code: 1,
        cause: { process: 'web' },
        summary: finished.metadata.summary,
        processes: {
          web: proc_('unhealthy', null, 'SIGTERM', {
            detail: finished.metadata.summary.replace(
              /^web was stopped: (.*); stopped 1 other process\(es\)$/,
              '$1',
            ),
          }),
          'sidecars-web': proc_('stopped', 143, null),
          // the nested exec's own sidecar, from its records in artifacts/sidecars-web/
          'sidecars-web/agent': proc_('stopped', null, 'SIGTERM'),
        },
      },
    });
    assert.equal(records['web.exit'], '143\n');
    assert.equal(records['sidecars-web.exit'], '143\n');
    assert.match(String(records['web.log']), /^web starting, port opens in 0 ms\nweb listening on \d+\n/);
    assert.match(String(records['sidecars-web.log']), /sleeping\n/);
    assert.ok(
      !String(records['sidecars-web.log']).includes('[APP/PROC'),
      'logs are raw, without CF prefixes',
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test(
  'exec with one sidecar: its output still passes through unprefixed, and is logged',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'rec-alone');
    const command = `echo to-stderr >&2; exec ${proc('exit-with.sh')} 0`;
    const config = writeConfig(dir, runtimeConfig([sidecar('solo', command)], PROCESS_CHECK));
    const artifacts = path.join(dir, 'artifacts');
    const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
      env: { PIDS_FILE: pidsFile },
    });
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    assert.ok(cli.lines.includes('exiting with 0'), 'stdout passes through as is');
    assert.equal(cli.stderr[0], 'to-stderr', 'stderr passes through as is');
    const records = readArtifacts(artifacts);
    // stdout and stderr are two pipes: the log holds both lines, in whichever order they arrived
    assert.deepEqual(String(records['solo.log']).split('\n').sort(), ['', 'exiting with 0', 'to-stderr']);
    assert.equal(records['solo.exit'], '0\n');
    assert.deepEqual(
      (records['finished.json'] as { result: string; metadata: { processes: unknown } }).metadata.processes,
      { solo: proc_('exited', 0, null) },
    );
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);

test('an artifacts dir that cannot be written: exit 1 before anything starts', TIMEOUT, async (t) => {
  const { dir, pidsFile } = await makeScratch(t, 'rec-unwritable');
  const config = writeConfig(dir, runtimeConfig([sidecar('agent', proc('sleep-forever.sh'))], PROCESS_CHECK));
  const blocker = path.join(dir, 'a-file');
  writeFileSync(blocker, '');
  const artifacts = path.join(blocker, 'artifacts');
  const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
    env: { PIDS_FILE: pidsFile },
  });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  assert.deepEqual(cli.stderr, [
    `sidecars exec: cannot write run records to ${artifacts}: ENOTDIR: not a directory, mkdir '${artifacts}'`,
    'Pass an --artifacts DIR the supervisor can create and write.',
  ]);
  assert.deepEqual(readPids(pidsFile), []);
  await assertAllGone([cli.pid]);
});

test(
  'finished.json cannot be written: the failure is logged, the run fails, nothing survives',
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'rec-lost');
    const { config } = writeQuitterAndIdler(dir);
    const artifacts = path.join(dir, 'artifacts');
    // a non-empty directory where finished.json goes: its atomic rename into place fails (EISDIR)
    const finished = path.join(artifacts, 'finished.json');
    mkdirSync(finished, { recursive: true });
    writeFileSync(path.join(finished, 'in-the-way'), '');
    const cli = startCleaned(t, ['exec', '--for', 'web', '--config', config, '--artifacts', artifacts], {
      env: { PIDS_FILE: pidsFile },
    });
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const failures = readEvents(cli.lines).filter((e) => e['event'] === 'records.write_failed');
    assert.equal(failures.length, 1);
    const tmp = `${escapeRegExp(`${artifacts}/.finished.json.`)}\\d+\\.\\d+\\.tmp`;
    const reason = `EISDIR: illegal operation on a directory, rename '${tmp}' -> '${escapeRegExp(finished)}'`;
    assert.match(String(failures[0]?.['error']), new RegExp(`^${reason}$`));
    assert.match(String(failures[0]?.['msg']), new RegExp(`^could not write the run records: ${reason}$`));
    assert.equal(failures[0]?.['level'], 'error');
    assert.deepEqual(cli.stderr, ['sidecars exec: quitter exited with code 3; stopped 1 other process(es)']);
    assert.ok(!/^\s+at /m.test(cli.text()), 'no stack trace');
    // everything else was written; the temp file of the lost record was removed
    assert.deepEqual(readdirSync(artifacts).sort(), [
      'events.jsonl',
      'finished.json',
      'idler.exit',
      'idler.log',
      'memory.json',
      'quitter.exit',
      'quitter.log',
      'started.json',
    ]);
    assert.deepEqual(readdirSync(finished), ['in-the-way']);
    await assertAllGone([cli.pid, ...readPids(pidsFile)]);
  },
);
