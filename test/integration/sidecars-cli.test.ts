// The `sidecars` command line itself: help, version, and what an unknown command says.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, REPO_ROOT } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';

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

test('sidecars --version prints VERSION', { timeout: 30_000 }, async () => {
  const result = await runBin(SIDECARS, ['--version']);
  assert.equal(result.stdout, (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim());
});

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
