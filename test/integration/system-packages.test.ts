// `npm test` on a fresh machine: test/setup/system-packages.sh (the pretest script) finds the Debian packages the
// tests need, names what is missing, and says what to run; the radosgw helper names a missing command in one line.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { test, type TestContext } from 'node:test';

import { execa } from 'execa';

import { REPO_ROOT } from '../helpers/paths.js';
import { startRadosgw } from '../helpers/radosgw.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const SCRIPT = path.join(REPO_ROOT, 'test', 'setup', 'system-packages.sh');
const TIMEOUT = { timeout: 30_000 };

/** A PATH holding only the named commands (links to this machine's), so everything else reads as missing. */
async function narrowPath(t: TestContext, commands: readonly string[]): Promise<string> {
  const top = await makeTempDir(t, 'sidecars-path-');
  await chmod(top, 0o755); // another user reads it too
  const dir = path.join(top, 'bin');
  await mkdir(dir);
  for (const command of commands) {
    const { stdout } = await execa('bash', ['-c', `command -v ${command}`]);
    await symlink(stdout.trim(), path.join(dir, command));
  }
  return dir;
}

test('npm test runs the set-up script first', () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  assert.equal(scripts['pretest'], 'bash test/setup/system-packages.sh');
});

test('with every package present, the check passes silently', TIMEOUT, async () => {
  const result = await execa('bash', [SCRIPT, '--check'], { reject: false, all: true });
  assert.equal(result.exitCode, 0, result.all);
  assert.equal(result.all, '');
});

test('a missing package is named, with the apt-get line, and stops the tests', TIMEOUT, async (t) => {
  const bin = await narrowPath(t, ['bash', 'id', 'ps', 'perl', 'setsid', 'script', 'unzip', 'strip']);
  const result = await execa('bash', [SCRIPT, '--check'], { env: { PATH: bin }, reject: false, all: true });
  assert.equal(result.exitCode, 1);
  assert.equal(
    result.all,
    [
      'npm test needs commands this machine lacks: radosgw ceph-mon ceph-osd monmaptool ceph radosgw-admin chromium (Debian packages: radosgw ceph-mon ceph-osd ceph-base ceph-common chromium)',
      'Install them, then run npm test again:',
      '  sudo apt-get update && sudo apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-base ceph-common chromium',
    ].join('\n'),
  );
});

test('not root: nothing is installed, the line to run is printed', TIMEOUT, async (t) => {
  if (process.getuid?.() !== 0) return t.skip('runs as root to drop to another user');
  const bin = await narrowPath(t, [
    'bash',
    'id',
    'ps',
    'perl',
    'setsid',
    'script',
    'unzip',
    'radosgw',
    'apt-get',
  ]);
  const result = await execa(
    '/usr/bin/setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', 'bash', SCRIPT],
    {
      env: { PATH: bin },
      reject: false,
      all: true,
    },
  );
  assert.equal(result.exitCode, 1, result.message);
  assert.doesNotMatch(result.all, /installing them/);
  assert.match(
    result.all,
    /^ {2}sudo apt-get update && sudo apt-get install -y --no-install-recommends ceph-mon ceph-osd ceph-base ceph-common binutils chromium$/m,
  );
});

test('the store helper names the missing commands in one line', TIMEOUT, async (t) => {
  const saved = process.env['PATH'];
  process.env['PATH'] = await narrowPath(t, ['ceph-mon', 'ceph-osd']);
  try {
    await assert.rejects(startRadosgw(), {
      message:
        'radosgw cannot start: monmaptool, ceph, radosgw, radosgw-admin not installed. npm test installs the Debian packages when run as root; bash test/setup/system-packages.sh prints the apt-get line.',
    });
  } finally {
    process.env['PATH'] = saved;
  }
});
