// `sidecars run --env KEY` and `--env-from FILE`: variables for the instance without their values
// on the command line (where `ps` shows them), and never in the supervisor's own output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import '../helpers/no-warnings.js';

import { makeDroplet, toOwnLaunch } from '../helpers/droplet-fixture.js';
import { makeScratch } from '../helpers/exec-fixture.js';
import { freePort } from '../helpers/free-port.js';
import { assertNothingLeft } from '../helpers/pids.js';
import { readEvents } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { startCleaned } from '../helpers/start-cleaned.js';
import { waitFor } from '../helpers/wait-for.js';

const TIMEOUT = { timeout: 30_000 };
const MARK = 'SIDECARS_TEST_MARK';
const SECRET = 's3cr3t-Value-9f2';
const SHOW = 'echo "got A=$A B=$B C=$C D=$D TOKEN=$TOKEN"';

async function startRun(t: TestContext, args: (dir: string) => string[]) {
  const { dir } = await makeScratch(t, 'run-env');
  const config = runtimeConfig(
    [{ name: 'agent', command: `${SHOW}; exec sleep 1000`, memoryMb: 32, sidecarFor: ['web'] }],
    { web: healthCheck({ type: 'process' }) },
  );
  const droplet = makeDroplet(path.join(dir, 'droplet'), {
    startCommand: `${SHOW}; exec sleep 1000`,
    deps: [{ idx: config.depsIdx, launch: toOwnLaunch(config), runtimeConfig: config }],
  });
  const port = String(await freePort());
  const cli = startCleaned(
    t,
    ['run', droplet, '--port', port, '--grace-ms', '2000', '--env', `${MARK}=${dir}`, ...args(dir)],
    { env: { [MARK]: dir, TOKEN: SECRET } },
  );
  return { cli, dir };
}

function writeEnvFile(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

test(
  '--env-from, --env KEY and --env KEY=VALUE reach the app and the sidecars; files first, flags win; the value is never logged',
  TIMEOUT,
  async (t) => {
    const run = await startRun(t, (dir) => {
      const first = writeEnvFile(dir, 'first.env', [
        '# the first file',
        '',
        "export A='quoted # not a comment'",
        'B="say \\"hi\\""  # a comment after the value',
        'C=from-first',
        `  D = ${SECRET}  `,
      ]);
      const second = writeEnvFile(dir, 'second.env', ['C=from-second\r', 'B=unused-B']);
      return [
        '--env-from',
        first,
        '--env-from',
        second,
        '--env',
        'B=from-flag',
        '--env',
        'TOKEN',
        '--artifacts',
        path.join(dir, 'artifacts'),
      ];
    });
    const expected = `got A=quoted # not a comment B=from-flag C=from-second D=${SECRET} TOKEN=${SECRET}`;
    const sidecarLine = `[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT ${expected}`;
    // the app starts once the nested exec waits at its gates: either may print first
    const webLine = `[APP/PROC/WEB/0] OUT ${expected}`;
    await waitFor('the sidecar to print its variables', () => run.cli.lines.includes(sidecarLine));
    await waitFor('the app to print its variables', () => run.cli.lines.includes(webLine));
    run.cli.child.kill('SIGTERM');
    assert.deepEqual(await run.cli.exited, { code: 143, signal: null });
    // only the commands' own output holds it: no supervisor line (run's or the nested exec's)
    const withSecret = [...run.cli.lines, ...run.cli.stderr].filter((line) => line.includes(SECRET));
    assert.deepEqual(withSecret.sort(), [sidecarLine, `[APP/PROC/WEB/0] OUT ${expected}`].sort());
    assert.ok(readEvents(run.cli.lines).length > 10, 'the supervisors logged their events');
    const artifacts = path.join(run.dir, 'artifacts');
    for (const name of readdirSync(artifacts).filter((n) => n.endsWith('.json'))) {
      assert.ok(!readFileSync(path.join(artifacts, name), 'utf8').includes(SECRET), name);
    }
    await assertNothingLeft(run.dir, [], MARK);
  },
);

async function assertRefused(t: TestContext, args: (dir: string) => string[], stderr: string[]) {
  const run = await startRun(t, args);
  assert.deepEqual(await run.cli.exited, { code: 1, signal: null });
  const dir = run.dir;
  assert.deepEqual(
    run.cli.stderr,
    stderr.map((line) => line.replaceAll('<dir>', dir)),
  );
  assert.deepEqual(readEvents(run.cli.lines), [], 'nothing may start');
  assert.ok(!run.cli.text().includes(SECRET));
  await assertNothingLeft(dir, [], MARK);
}

test(
  'an env file with malformed lines: every one named FILE:LINE, the value never shown, exit 1',
  TIMEOUT,
  (t) =>
    assertRefused(
      t,
      (dir) => [
        '--env-from',
        writeEnvFile(dir, 'bad.env', [
          '# fine',
          `TOKEN${SECRET}`,
          'OK=1',
          `1TOKEN=${SECRET}`,
          `TOKEN="${SECRET}`,
          `TOKEN='${SECRET}' ${SECRET}`,
        ]),
      ],
      [
        'sidecars run: <dir>/bad.env:2: no "=": write KEY=VALUE',
        '<dir>/bad.env:4: the name before "=" is not a variable name (letters, digits and _, not starting with a digit)',
        '<dir>/bad.env:5: the value opens with " but does not close it on this line',
        "<dir>/bad.env:6: the value has text after its closing '",
        'Write one KEY=VALUE per line (optionally `export KEY=VALUE`, the value in \'…\' or "…"); lines starting with # are comments.',
      ],
    ),
);

test('a missing env file: exit 1, named', TIMEOUT, (t) =>
  assertRefused(t, (dir) => ['--env-from', path.join(dir, 'nope.env')], [
    'sidecars run: --env-from <dir>/nope.env: no such file',
  ]),
);

test('--env KEY with KEY unset in the caller: exit 1, what to do instead', TIMEOUT, (t) =>
  assertRefused(t, () => ['--env', 'NOT_SET_ANYWHERE'], [
    'sidecars run: --env NOT_SET_ANYWHERE: NOT_SET_ANYWHERE is not set in this environment',
    'Set it first (export NOT_SET_ANYWHERE=…), put it in an --env-from file, or pass --env NOT_SET_ANYWHERE=VALUE.',
  ]),
);

test('--env =VALUE (no name): exit 1, the value not echoed', TIMEOUT, (t) =>
  assertRefused(t, () => ['--env', `=${SECRET}`], [
    'sidecars run: --env takes KEY or KEY=VALUE; the name before "=" is not a variable name',
    'A name has letters, digits and _, and does not start with a digit.',
  ]),
);

test('--env-file (which Node.js reads itself): exit 1, pointing at --env-from', TIMEOUT, (t) =>
  assertRefused(t, (dir) => ['--env-file', writeEnvFile(dir, 'ok.env', [`TOKEN=${SECRET}`])], [
    'sidecars run: --env-file is taken by Node.js itself: write --env-from FILE',
  ]),
);
