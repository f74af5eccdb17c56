import assert from 'node:assert/strict';
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import '../helpers/no-warnings.js';

import { bashLaunch, spawnBashCommand } from '../../src/supervisor/core/bash-launch.js';
import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { startSidecars } from '../helpers/run-sidecars.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Ran> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('latin1')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('latin1')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command started as the supervisor starts it, and by `bash -c` itself. */
async function both(command: string, cwd: string, env: Record<string, string>) {
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe'];
  const ours = await collect(spawnBashCommand(command, { cwd, env, detached: false, stdio }));
  const bash = await collect(spawn('bash', ['-c', command], { cwd, env, stdio }));
  return { exec: bashLaunch(command, cwd, env).file !== 'bash', ours, bash };
}

const sortedEnv = (environ: string): string[] => environ.split('\0').filter(Boolean).sort();

function scratch(t: { after(fn: () => void): void }) {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bash-launch-')));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const script = (name: string, text: string, mode = 0o755): void => {
    writeFileSync(path.join(bin, name), text);
    chmodSync(path.join(bin, name), mode);
  };
  script('args.sh', '#!/bin/sh\nprintf "%s|" "$0" "$@"\n');
  script('no-shebang', 'printf "run by %s\\n" "${BASH_VERSION:+bash}"\n');
  script('not-executable', '#!/bin/sh\necho ran\n', 0o644);
  script('no-interpreter', '#!/nonexistent/python3\nprint(1)\n');
  script('not-elf', '\x7fELF and then nothing a kernel can run\n');
  return { dir, bin };
}

const BASE = { PATH: '/usr/bin:/bin', HOME: '/nonexistent', LANG: 'C.UTF-8' };

test('a plain command is exec’d with exactly the environment, argv and exit bash gives it', async (t) => {
  const { dir, bin } = scratch(t);
  const link = path.join(dir, 'link');
  symlinkSync(dir, link);
  const cases: Array<{ why: string; cwd: string; env: Record<string, string> }> = [
    { why: 'PWD is the cwd, OLDPWD a directory', cwd: dir, env: { ...BASE, PWD: dir, OLDPWD: '/tmp' } },
    { why: 'OLDPWD not a directory', cwd: dir, env: { ...BASE, OLDPWD: '/nonexistent' } },
    { why: 'OLDPWD a file', cwd: dir, env: { ...BASE, OLDPWD: '/etc/hostname' } },
    { why: 'OLDPWD empty', cwd: dir, env: { ...BASE, OLDPWD: '' } },
    { why: 'no PWD, a cwd through a symlink', cwd: link, env: { ...BASE } },
    { why: 'PWD names another directory', cwd: dir, env: { ...BASE, PWD: '/usr' } },
    { why: 'PWD is gone', cwd: dir, env: { ...BASE, PWD: path.join(dir, 'gone') } },
    { why: 'PWD and cwd are /', cwd: '/', env: { ...BASE, PWD: '/' } },
    { why: 'SHLVL given', cwd: dir, env: { ...BASE, SHLVL: '5' } },
    { why: 'SHLVL 0', cwd: dir, env: { ...BASE, SHLVL: '0' } },
    { why: 'PATH entries ending in / and //', cwd: dir, env: { ...BASE, PATH: `${bin}//:/usr/bin/:/bin` } },
    {
      why: 'names bash cannot hold, values that look like functions, a given _',
      cwd: dir,
      env: {
        ...BASE,
        'A-B': '1',
        'x.y': '2',
        F: '() { echo hi; }',
        _: '/x',
        TERM: 'dumb',
        SHELL: '/bin/zsh',
      },
    },
  ];
  symlinkSync('/usr/bin/cat', path.join(bin, 'cat-link'));
  for (const { why, cwd, env } of cases) {
    const commands = ['cat /proc/self/environ', 'cat /proc/self/cmdline', '/usr/bin/cat /proc/self/environ'];
    if (cwd === dir) commands.push('./bin/cat-link /proc/self/environ', 'bin/cat-link /proc/self/cmdline');
    for (const command of commands) {
      const { exec, ours, bash } = await both(command, cwd, env);
      assert.equal(exec, true, `${why}: ${command} is exec'd without bash`);
      assert.deepEqual(sortedEnv(ours.stdout), sortedEnv(bash.stdout), `${why}: ${command}`);
      assert.equal(ours.code, 0);
    }
  }
  for (const command of ['./bin/args.sh a b', `${bin}/args.sh --x=1 %d`, 'args.sh one']) {
    const env = { ...BASE, PATH: `${bin}:/usr/bin:/bin` };
    const { exec, ours, bash } = await both(command, dir, env);
    assert.equal(exec, true, command);
    assert.equal(ours.stdout, bash.stdout, command);
  }
  const exit = await both('sh -c "exit 7"', dir, BASE);
  assert.equal(exit.exec, false, 'a quoted word is bash’s');
  const code = await both(`${bin}/args.sh`, dir, BASE);
  assert.equal(code.ours.code, code.bash.code);
});

test('what bash would do more with than exec is left to bash, with bash’s outcome', async (t) => {
  const { dir, bin } = scratch(t);
  const link = path.join(dir, 'link');
  symlinkSync(dir, link);
  const withBin = { ...BASE, PATH: `${bin}:/usr/bin:/bin` };
  const cases: Array<{
    why: string;
    command: string;
    env?: Record<string, string>;
    cwd?: string;
    code: number;
  }> = [
    { why: 'a builtin', command: 'echo hi', code: 0 },
    { why: 'not found', command: 'no-such-program-here x', code: 127 },
    { why: 'not executable', command: './bin/not-executable', code: 126 },
    { why: 'a script without #!', command: 'no-shebang', env: withBin, code: 0 },
    {
      why: 'a relative PATH entry',
      command: 'args.sh',
      env: { ...BASE, PATH: `bin:/usr/bin:/bin` },
      code: 0,
    },
    {
      why: 'an empty PATH entry',
      command: 'cat /proc/self/environ',
      env: { ...BASE, PATH: ':/usr/bin:/bin' },
      code: 0,
    },
    {
      why: 'an exported function of that name',
      command: 'cat /proc/self/environ',
      env: { ...BASE, 'BASH_FUNC_cat%%': '() { echo function; }' },
      code: 0,
    },
    {
      why: 'BASH_ENV',
      command: 'cat /proc/self/cmdline',
      env: { ...BASE, BASH_ENV: `${bin}/args.sh` },
      code: 0,
    },
    {
      why: 'PWD names the cwd by another path',
      command: 'cat /proc/self/environ',
      env: { ...BASE, PWD: link },
      code: 0,
    },
    { why: 'SHLVL too high', command: 'cat /proc/self/environ', env: { ...BASE, SHLVL: '999' }, code: 0 },
    { why: 'PWD ends in /', command: 'cat /proc/self/environ', env: { ...BASE, PWD: `${dir}/` }, code: 0 },
    { why: 'IFS', command: 'cat /proc/self/environ', env: { ...BASE, IFS: ',' }, code: 0 },
    {
      why: 'a locale bash warns of',
      command: 'cat /proc/self/cmdline',
      env: { ...BASE, LC_ALL: 'xx_YY.UTF-8' },
      code: 0,
    },
    {
      why: 'PWD in /proc',
      command: 'cat /proc/self/environ',
      env: { ...BASE, PWD: '/proc/self/cwd' },
      code: 0,
    },
    { why: 'a name with "="', command: 'cat /proc/self/environ', env: { ...BASE, 'IFS=x': 'y' }, code: 0 },
    { why: 'an empty name', command: 'cat /proc/self/environ', env: { ...BASE, '': 'empty' }, code: 0 },
  ];
  // the kernel would refuse these: bash's at once
  const binary = readFileSync('/usr/bin/true');
  const loader = binary.indexOf('/ld-linux');
  assert.ok(loader > 0 && loader < 4096, 'an ELF with a loader named in its head');
  writeFileSync(
    path.join(bin, 'no-loader'),
    Buffer.concat([binary.subarray(0, loader), Buffer.from('/ld-nolin'), binary.subarray(loader + 9)]),
    { mode: 0o755 },
  );
  writeFileSync(path.join(bin, 'truncated'), binary.subarray(0, 64), { mode: 0o755 });
  writeFileSync(path.join(bin, 'via-truncated'), `#!${bin}/truncated\necho "[\${BASH_VERSION:+bash}]"\n`, {
    mode: 0o755,
  });
  writeFileSync(path.join(bin, 'crlf'), '#!/bin/sh\r\necho crlf\r\n', { mode: 0o755 });
  const socketPath = path.join(bin, 'socket-dir');
  mkdirSync(socketPath);
  // a listening unix socket: a file that is executable and not a regular file
  const server = createServer();
  t.after(() => server.close());
  await new Promise<void>((resolve) => server.listen(path.join(socketPath, 'cat'), resolve));
  const socketFile = path.join(socketPath, 'cat');
  chmodSync(socketFile, 0o755);
  const refused: Array<[string, Record<string, string>, number]> = [
    ['./bin/no-loader', BASE, 127],
    ['./bin/no-interpreter', BASE, 127],
    ['./bin/not-elf', BASE, 126],
    ['./bin/truncated x', BASE, 126],
    ['./bin/via-truncated', BASE, 0], // bash runs it itself
    ['./bin/crlf', BASE, 127],
    ['cat /etc/hostname', { ...BASE, PATH: `${socketPath}:/usr/bin:/bin` }, 126],
  ];
  for (const [command, env, code] of refused) {
    const { exec, ours, bash } = await both(command, dir, env);
    assert.equal(exec, false, command);
    assert.deepEqual(ours, bash, command);
    assert.equal(ours.code, code, command);
  }
  // a program exec(2) then refuses (open for writing: ETXTBSY): exec'd, refused, handed to bash
  writeFileSync(path.join(bin, 'busy'), binary, { mode: 0o755 });
  const writer = openSync(path.join(bin, 'busy'), 'r+');
  try {
    const { exec, ours, bash } = await both('./bin/busy', dir, BASE);
    assert.equal(exec, true, 'busy: exec is tried');
    assert.deepEqual(ours, bash, 'busy');
    assert.equal(ours.code, 126);
  } finally {
    closeSync(writer);
  }
  for (const { why, command, env = BASE, cwd = dir, code } of cases) {
    const { exec, ours, bash } = await both(command, cwd, env);
    assert.equal(exec, false, `${why}: left to bash`);
    assert.deepEqual(ours, bash, why);
    assert.equal(ours.code, code, why);
  }
});

test('a plain sidecar gets the environment and argv a bash-run one gets', { timeout: 30_000 }, async (t) => {
  const { dir } = await makeScratch(t, 'bash-launch');
  /** one `sidecars exec` whose only sidecar runs `command` to its end (which ends the exec) */
  const execOne = async (command: string): Promise<void> => {
    const sidecars = [{ name: 'copy', command, memoryMb: 32, sidecarFor: ['web'] }];
    const config = writeConfig(dir, runtimeConfig(sidecars, { web: healthCheck({ type: 'process' }) }));
    const cli = startSidecars(['exec', '--for', 'web', '--config', config], {
      env: { OLDPWD: '/nonexistent', SHLVL: '2', PWD: dir },
      cwd: dir,
    });
    t.after(() => cli.child.kill('SIGKILL'));
    await cli.exited;
  };
  const plain = path.join(dir, 'plain.env');
  const quoted = path.join(dir, 'quoted.env');
  const cmdline = path.join(dir, 'plain.cmdline');
  await execOne(`cp /proc/self/environ ${plain}`);
  await execOne(`'cp' /proc/self/environ ${quoted}`); // quoted: bash's own
  await execOne(`cp /proc/self/cmdline ${cmdline}`);
  const withoutToken = (file: string): string[] =>
    sortedEnv(readFileSync(file, 'latin1')).filter((entry) => !entry.startsWith('SIDECARS_TREES='));
  assert.deepEqual(withoutToken(plain), withoutToken(quoted));
  // the environment the supervisor gives a sidecar is one bash is not needed for
  const given: Record<string, string> = Object.fromEntries(
    withoutToken(quoted).map((entry): [string, string] => [
      entry.slice(0, entry.indexOf('=')),
      entry.slice(entry.indexOf('=') + 1),
    ]),
  );
  // what the supervisor passed: what a sidecar saw, less what bash (or its mirror) sets
  delete given._;
  given.OLDPWD = '/nonexistent';
  assert.notEqual(bashLaunch(`cp /proc/self/environ ${plain}`, dir, given).file, 'bash');
  assert.ok(withoutToken(plain).includes('SHLVL=2'));
  assert.ok(withoutToken(plain).includes(`PWD=${dir}`));
  assert.ok(!withoutToken(plain).some((entry) => entry.startsWith('OLDPWD=')));
  assert.deepEqual(readFileSync(cmdline, 'latin1').split('\0').filter(Boolean), [
    'cp',
    '/proc/self/cmdline',
    cmdline,
  ]);
});
