import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { bashExecEnv, plainWords } from '../../../../src/supervisor/core/bash-launch.js';
import { kernelRuns } from '../../../../src/supervisor/core/program-file.js';

test('plain words are split on spaces; anything bash would parse, expand or run itself is not plain', () => {
  assert.deepEqual(plainWords('sleep 1000'), ['sleep', '1000']);
  assert.deepEqual(plainWords('  ./bin/agent   --port=8080 -v a,b user@host:/x %d +1 '), [
    './bin/agent',
    '--port=8080',
    '-v',
    'a,b',
    'user@host:/x',
    '%d',
    '+1',
  ]);
  const notPlain = [
    '',
    '   ',
    'echo hi', // builtin
    'exec sleep 1', // builtin
    'true',
    'kill 1',
    'test -f x',
    '. ./env.sh',
    ': x',
    'time sleep 1', // reserved word
    'if x',
    'coproc x',
    'FOO=1 sleep 1', // an assignment
    '%1', // a job
    'sleep $X',
    'sleep ${X}',
    'sleep `x`',
    "sleep '1'",
    'sleep "1"',
    'sleep 1\\ 2',
    'sleep 1; x',
    'sleep 1 && x',
    'sleep 1 | x',
    'sleep 1 & x',
    'sleep 1 > x',
    'sleep 1 < x',
    'sleep (1)',
    'ls *.txt',
    'ls ?',
    'ls [ab]',
    'ls {a,b}',
    'ls ~',
    'ls ~/x',
    'sleep 1 # comment',
    'sleep !1',
    'sleep\t1',
    'sleep 1\nx',
    'sleep é',
    'sleep 1\u00a0', // a no-break space is part of bash's word
    '\u00a0sleep 1',
    'sleep 1\n',
  ];
  for (const command of notPlain) assert.equal(plainWords(command), null, JSON.stringify(command));
});

test('the environment bash gives what it execs: SHLVL as it came (0 where unset), PWD, _ set, OLDPWD gone unless a directory', () => {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/vcap/app',
    OLDPWD: '/tmp',
    'A-B': 'x',
    F: '() { echo; }',
  };
  assert.deepEqual(bashExecEnv(env, '/home/vcap/app', '/usr/bin/sleep', false), {
    PATH: '/usr/bin:/bin',
    HOME: '/home/vcap/app',
    'A-B': 'x',
    F: '() { echo; }',
    PWD: '/home/vcap/app',
    SHLVL: '0',
    _: '/usr/bin/sleep',
  });
  assert.equal(bashExecEnv(env, '/home/vcap/app', '/usr/bin/sleep', true)?.OLDPWD, '/tmp');
  assert.equal(bashExecEnv({ SHLVL: '3' }, '/', './x', false)?.SHLVL, '3');
  assert.equal(bashExecEnv({ SHLVL: '998' }, '/', './x', false)?.SHLVL, '998');
  assert.equal(bashExecEnv({}, '/', './x', false)?._, './x');
});

test('an environment bash would act on is left to bash', () => {
  const left = [
    { SHLVL: '999' }, // bash warns and resets it
    { SHLVL: '-1' },
    { SHLVL: 'x' },
    { SHLVL: '' },
    { SHLVL: '007' },
    { BASH_ENV: '/x' }, // sourced first
    { BASH_FUNC_sleep: '() { :; }' }, // an exported function
    { 'BASH_FUNC_sleep%%': '() { :; }' },
    { SHELLOPTS: 'xtrace' },
    { BASHOPTS: 'x' },
    { IFS: ',' },
    { PS4: 'x' },
    { OPTIND: '3' },
    { PPID: '1' },
    { RANDOM: '4' },
  ];
  for (const env of left) assert.equal(bashExecEnv(env, '/', '/bin/x', false), null, JSON.stringify(env));
});

test('what the kernel runs: an ELF of this machine, or a "#!" line with an absolute interpreter', () => {
  const elf = (cls: number, type: number, machine: number): Buffer => {
    const head = Buffer.alloc(64);
    head.write('\x7fELF', 0, 'latin1');
    head[4] = cls;
    head[5] = 1;
    head.writeUInt16LE(type, 16);
    head.writeUInt16LE(machine, 18);
    return head;
  };
  assert.equal(kernelRuns(elf(2, 3, 62), 'x64'), 'elf');
  assert.equal(kernelRuns(elf(2, 2, 62), 'x64'), 'elf');
  assert.equal(kernelRuns(elf(2, 3, 183), 'arm64'), 'elf');
  assert.equal(kernelRuns(elf(2, 3, 183), 'x64'), null, "another machine's");
  assert.equal(kernelRuns(elf(1, 3, 62), 'x64'), null, '32-bit');
  assert.equal(kernelRuns(elf(2, 1, 62), 'x64'), null, 'an object file');
  assert.equal(kernelRuns(elf(2, 3, 62), 'riscv64'), null, 'a machine not known here');
  assert.equal(kernelRuns(Buffer.from('\x7fELF', 'latin1'), 'x64'), null, 'cut short');
  const text = (s: string): ReturnType<typeof kernelRuns> => kernelRuns(Buffer.from(s, 'latin1'));
  assert.deepEqual(text('#!/bin/sh\necho\n'), { interpreter: '/bin/sh' });
  assert.deepEqual(text('#! \t/usr/bin/env python3\n'), { interpreter: '/usr/bin/env' });
  assert.deepEqual(text('#!/bin/bash -e\n'), { interpreter: '/bin/bash' });
  assert.equal(text('#!python3\n'), null, 'relative');
  assert.equal(text('#!/bin/sh'), null, 'no end of line within what the kernel reads');
  assert.equal(text('#!\n'), null);
  assert.equal(text('echo hi\n'), null);
  assert.equal(text(''), null);
});
