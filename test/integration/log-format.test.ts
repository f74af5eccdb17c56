// Issue 20.3: on a terminal the supervisor's own events are short human lines coloured by level;
// JSON on a pipe (the platform's log stream) and with --log-format json; NO_COLOR turns colour off.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch, proc, writeConfig } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { alivePids, readPids } from '../helpers/pids.js';
import { startSidecarsInPty } from '../helpers/pty.js';
import { readEvents, type RunningCli, startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const TOKEN = 'Tok3n-0f-the-log-lines-8d';
const ESC = '\u001b';
const CLOCK = '\\d\\d:\\d\\d:\\d\\d';

/** agent runs until stopped; leaky's own health check prints the token and fails: the run ends. */
async function writeExecConfig(t: TestContext): Promise<{ config: string; pidsFile: string }> {
  const { dir, pidsFile } = await makeScratch(t, 'log-format');
  const config = runtimeConfig(
    [
      { name: 'agent', command: proc('sleep-forever.sh'), memoryMb: 32, sidecarFor: ['web'] },
      {
        name: 'leaky',
        command: proc('sleep-forever.sh'),
        memoryMb: 32,
        sidecarFor: ['web'],
        healthCheck: healthCheck({
          type: 'exec',
          command: 'echo "token=$SECRET_TOKEN"; exit 1',
          timeoutMs: 1_000,
          invocationTimeoutMs: 1_000,
        }),
      },
    ],
    { web: healthCheck({ type: 'process' }) },
  );
  return { config: writeConfig(dir, config), pidsFile };
}

async function assertGone(cli: RunningCli, pidsFile: string): Promise<void> {
  const pids = [cli.pid, ...readPids(pidsFile)];
  await waitFor('every started pid to be gone', () => alivePids(pids).length === 0, 5_000).catch(() => {});
  assert.deepEqual(alivePids(pids), []);
}

function supervisorLines(lines: readonly string[]): string[] {
  return lines.filter((line) => !line.startsWith('[') && !line.startsWith('sidecars exec: ') && line !== '');
}

test(
  'exec on a terminal: human lines, the time dim, a failure in red, no JSON, no secret',
  TIMEOUT,
  async (t) => {
    const { config, pidsFile } = await writeExecConfig(t);
    const cli = startSidecarsInPty(['exec', '--for', 'web', '--config', config], {
      env: { PIDS_FILE: pidsFile, SECRET_TOKEN: TOKEN },
    });
    assert.deepEqual(await cli.exited, { code: 1, signal: null });
    const text = cli.text();
    const mine = supervisorLines(cli.lines);
    assert.ok(
      mine.some((l) => new RegExp(`^${ESC}\\[2m${CLOCK}${ESC}\\[0m agent running \\(pid \\d+\\)$`).test(l)),
      text,
    );
    assert.ok(
      mine.some((l) =>
        new RegExp(`^${ESC}\\[2m${CLOCK}${ESC}\\[0m ${ESC}\\[1;31mleaky: exec check .*did not pass`).test(l),
      ),
      text,
    );
    assert.ok(
      mine.some((l) => l.includes('stopping 1 other (leaky ended)')),
      text,
    );
    assert.deepEqual(
      mine.filter((l) => l.includes('{"')),
      [],
      'no JSON between the lines',
    );
    assert.ok(!text.includes(TOKEN), 'the token is masked');
    await assertGone(cli, pidsFile);
  },
);

test('exec on a pipe: JSON lines, no escape codes (the platform log stream)', TIMEOUT, async (t) => {
  const { config, pidsFile } = await writeExecConfig(t);
  const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
    env: { PIDS_FILE: pidsFile, SECRET_TOKEN: TOKEN },
  });
  assert.deepEqual(await cli.exited, { code: 1, signal: null });
  const events = readEvents(cli.lines);
  assert.ok(events.some((e) => e['proc'] === 'agent' && e['event'] === 'process.running'));
  assert.ok(events.some((e) => e['proc'] === 'leaky' && e['event'] === 'health.failed'));
  assert.ok(!cli.text().includes(ESC));
  assert.ok(!cli.text().includes(TOKEN));
  await assertGone(cli, pidsFile);
});

test(
  'on a terminal, --log-format json gives JSON and NO_COLOR gives the lines uncoloured',
  TIMEOUT,
  async (t) => {
    const { config, pidsFile } = await writeExecConfig(t);
    const json = startSidecarsInPty(['exec', '--for', 'web', '--config', config, '--log-format', 'json'], {
      env: { PIDS_FILE: pidsFile },
    });
    assert.deepEqual(await json.exited, { code: 1, signal: null });
    const records = supervisorLines(json.lines).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(records.some((r) => r['proc'] === 'agent' && r['event'] === 'process.running'));
    assert.ok(!json.text().includes(ESC));
    await assertGone(json, pidsFile);

    const plain = startSidecarsInPty(['exec', '--for', 'web', '--config', config], {
      env: { PIDS_FILE: pidsFile, NO_COLOR: '1' },
    });
    assert.deepEqual(await plain.exited, { code: 1, signal: null });
    assert.ok(
      supervisorLines(plain.lines).some((l) => new RegExp(`^${CLOCK} agent running \\(pid \\d+\\)$`).test(l)),
      plain.text(),
    );
    assert.ok(!plain.text().includes(ESC));
    await assertGone(plain, pidsFile);

    const bad = startSidecarsInPty(['exec', '--for', 'web', '--config', config, '--log-format', 'pretty'], {
      env: {},
    });
    assert.deepEqual(await bad.exited, { code: 1, signal: null });
    assert.match(bad.text(), /--log-format takes auto, text or json, not "pretty"/);
    assert.doesNotMatch(bad.text(), /\n\s+at /, 'no stack trace');
  },
);

test(
  "run on a terminal: its own lines coloured, its nested exec's as text lines without colour",
  TIMEOUT,
  async (t) => {
    const { dir, pidsFile } = await makeScratch(t, 'log-format-run');
    const config: RuntimeConfig = runtimeConfig(
      [{ name: 'quitter', command: `${proc('exit-with.sh')} 3 0.5`, memoryMb: 32, sidecarFor: ['web'] }],
      { web: healthCheck({ type: 'process' }) },
    );
    const droplet = makeDroplet(path.join(dir, 'droplet'), {
      startCommand: proc('sleep-forever.sh'),
      deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
    });
    const port = await freePort();
    const cli = startSidecarsInPty(
      ['run', droplet, '--port', String(port), '--grace-ms', '2000', '--env', `PIDS_FILE=${pidsFile}`],
      { env: {} },
    );
    assert.deepEqual(await cli.exited, { code: 3, signal: null });
    const text = cli.text();
    assert.ok(
      cli.lines.some((l) =>
        new RegExp(`^${ESC}\\[2m${CLOCK}${ESC}\\[0m web running \\(pid \\d+\\)$`).test(l),
      ),
      text,
    );
    const nested = cli.lines.filter((l) => l.startsWith('[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT '));
    assert.ok(
      nested.some((l) => new RegExp(`OUT ${CLOCK} quitter running \\(pid \\d+\\)$`).test(l)),
      text,
    );
    assert.ok(
      nested.some((l) => new RegExp(`OUT ${CLOCK} quitter exited with code 3$`).test(l)),
      text,
    );
    assert.deepEqual(
      nested.filter((l) => l.includes(ESC) || l.includes('{"')),
      [],
    );
    await assertGone(cli, pidsFile);
  },
);
