// The `sidecars` command line itself: help, version, and what an unknown command says.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { makeDroplet } from '../helpers/droplet-fixture.js';
import { BIN, REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { readShippedNodeVersion } from '../helpers/shipped-node.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const SIDECARS = path.join(BIN, 'sidecars');

test('sidecars --help lists every command with its one-line summary', { timeout: 30_000 }, async () => {
  const result = await runBin(SIDECARS, ['--help']);
  assert.equal(result.exitCode, 0, result.all);
  for (const command of ['exec', 'run', 'stage', 'status', 'validate']) {
    assert.match(result.stdout, new RegExp(`^  ${command} +\\S`, 'm'), `lists ${command}`);
  }
  assert.doesNotMatch(result.stdout, /not yet available/);
});

test('every command answers --help with its usage', { timeout: 30_000 }, async () => {
  for (const command of ['exec', 'run', 'stage', 'status', 'validate']) {
    const result = await runBin(SIDECARS, [command, '--help']);
    assert.equal(result.exitCode, 0, `${command}: ${result.all}`);
    assert.match(result.stdout, new RegExp(`^Usage: sidecars ${command}`, 'm'));
  }
});

test(
  'sidecars --version prints VERSION and the Node.js it runs on: the shipped one, however started',
  { timeout: 30_000 },
  async (t) => {
    const version = (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim();
    const expected = `sidecars ${version} (Node.js ${readShippedNodeVersion()})`;
    // bin/sidecars of the checkout: `node` from PATH, which runBin puts the shipped one first on
    const shim = await runBin(SIDECARS, ['--version']);
    assert.equal(shim.stdout, expected, shim.all);
    // startSidecars: dist/src/cli/sidecars.js on SHIPPED_NODE itself
    const cli = startSidecars(['--version'], { env: {} });
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    assert.equal(cli.text(), expected);
    // a droplet's deps/<idx>/bin/sidecars: its own node/, whatever `node` PATH has
    const dir = await makeTempDir(t, 'sidecars-version-');
    const config = runtimeConfig([], { web: healthCheck({ type: 'process' }) });
    makeDroplet(dir, { startCommand: 'true', deps: [{ idx: '0', launch: [], runtimeConfig: config }] });
    const installed = await runBin(path.join(dir, 'deps', '0', 'bin', 'sidecars'), ['--version'], {
      env: { PATH: '/usr/bin:/bin' },
    });
    assert.equal(installed.stdout, expected, installed.all);
  },
);

test('no command, or an unknown one, exits 1 and says what to do', { timeout: 30_000 }, async () => {
  const none = await runBin(SIDECARS, []);
  assert.equal(none.exitCode, 1);
  assert.match(none.stdout, /^Usage: sidecars <command>/);
  const unknown = await runBin(SIDECARS, ['frobnicate']);
  assert.equal(unknown.exitCode, 1);
  assert.equal(unknown.stderr, 'sidecars: unknown command "frobnicate". Run `sidecars --help` for the list.');
});

test(
  'bad paths and flags get one clear line and exit 1, never a stack trace',
  { timeout: 60_000 },
  async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['stage', '/nonexistent-app', '--out', '/tmp/never-written'],
        /\/nonexistent-app is not an app directory/,
      ],
      [['exec', '--for', 'web', '--config', '/nonexistent.json'], /cannot read \/nonexistent\.json/],
      [['exec', '--for', 'web', '--config', '/etc/hostname'], /is not JSON/],
      [['run', '/nonexistent-droplet'], /is not a droplet/],
      [['status', '--status', 'unix:/nonexistent.sock'], /cannot reach the supervisor/],
      [['exec', '--bogus'], /Unknown option '--bogus'/],
      [
        [
          'exec',
          '--for',
          'web',
          '--config',
          path.join(REPO_ROOT, 'fixtures/expected/grouped-web/idx-0/runtime-config.json'),
          '--log-tail',
          '100G',
        ],
        /--log-tail 100G: outside 4K\.\.64M/,
      ],
      [
        [
          'exec',
          '--for',
          'web',
          '--config',
          path.join(REPO_ROOT, 'fixtures/expected/grouped-web/idx-0/runtime-config.json'),
          '--upload',
          's3://Bad_Name',
        ],
        /"Bad_Name" is not a bucket name/,
      ],
      [['upload', '/tmp', 'https://bucket/x'], /must start with s3:\/\//],
      [['upload', '/nonexistent-dir', 's3://runs'], /holds no readable started\.json/],
      [['runs', 'not-a-url'], /s3:\/\//],
    ];
    for (const [args, message] of cases) {
      const result = await runBin(SIDECARS, args);
      assert.equal(result.exitCode, 1, `${args.join(' ')}: ${result.all}`);
      assert.match(result.all, message, args.join(' '));
      assert.doesNotMatch(
        result.all,
        /\n\s+at .+:\d+:\d+|node:internal/,
        `${args.join(' ')}: no stack trace`,
      );
    }
  },
);
