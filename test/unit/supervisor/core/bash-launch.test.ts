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

test('what the kernel runs: an ELF of this machine with sound program headers, or a "#!" line with an absolute interpreter', () => {
  /** a 64-bit little-endian ELF header with one program header at 64 (PT_INTERP naming `loader`, or PT_LOAD) */
  const elf = (o: {
    cls?: number;
    type?: number;
    machine: number;
    loader?: string;
    phentsize?: number;
    phnum?: number;
  }): Buffer => {
    const head = Buffer.alloc(256);
    head.write('\x7fELF', 0, 'latin1');
    head[4] = o.cls ?? 2;
    head[5] = 1;
    head.writeUInt16LE(o.type ?? 3, 16);
    head.writeUInt16LE(o.machine, 18);
    head.writeBigUInt64LE(64n, 32); // e_phoff
    head.writeUInt16LE(o.phentsize ?? 56, 54);
    head.writeUInt16LE(o.phnum ?? 1, 56);
    head.writeUInt32LE(o.loader === undefined ? 1 : 3, 64); // PT_LOAD or PT_INTERP
    if (o.loader !== undefined) {
      head.write(`${o.loader}\0`, 128, 'latin1');
      head.writeBigUInt64LE(128n, 64 + 8);
      head.writeBigUInt64LE(BigInt(o.loader.length + 1), 64 + 32);
    }
    return head;
  };
  const size = 4096;
  assert.deepEqual(kernelRuns(elf({ machine: 62 }), size, 'x64'), { kind: 'elf', loader: null });
  assert.deepEqual(kernelRuns(elf({ machine: 62, type: 2 }), size, 'x64'), { kind: 'elf', loader: null });
  assert.deepEqual(kernelRuns(elf({ machine: 62, loader: '/lib64/ld-linux-x86-64.so.2' }), size, 'x64'), {
    kind: 'elf',
    loader: '/lib64/ld-linux-x86-64.so.2',
  });
  assert.deepEqual(kernelRuns(elf({ machine: 183 }), size, 'arm64'), { kind: 'elf', loader: null });
  assert.equal(kernelRuns(elf({ machine: 183 }), size, 'x64'), null, "another machine's");
  assert.equal(kernelRuns(elf({ machine: 62, cls: 1 }), size, 'x64'), null, '32-bit');
  assert.equal(kernelRuns(elf({ machine: 62, type: 1 }), size, 'x64'), null, 'an object file');
  assert.equal(kernelRuns(elf({ machine: 62 }), size, 'riscv64'), null, 'a machine not known here');
  assert.equal(kernelRuns(elf({ machine: 62 }), 64, 'x64'), null, 'program headers past the end of the file');
  assert.equal(
    kernelRuns(elf({ machine: 62, phentsize: 32 }), size, 'x64'),
    null,
    'program headers of another size',
  );
  assert.equal(kernelRuns(elf({ machine: 62, phnum: 0 }), size, 'x64'), null, 'no program headers');
  assert.equal(
    kernelRuns(elf({ machine: 62, phnum: 100 }), size, 'x64'),
    null,
    'program headers past the head read',
  );
  assert.equal(kernelRuns(elf({ machine: 62, loader: 'ld.so' }), size, 'x64'), null, 'a relative loader');
  assert.equal(kernelRuns(elf({ machine: 62 }).subarray(0, 20), size, 'x64'), null, 'cut short');
  const text = (s: string): ReturnType<typeof kernelRuns> => kernelRuns(Buffer.from(s, 'latin1'), s.length);
  assert.deepEqual(text('#!/bin/sh\necho\n'), { kind: 'script', interpreter: '/bin/sh' });
  assert.deepEqual(text('#! \t/usr/bin/env python3\n'), { kind: 'script', interpreter: '/usr/bin/env' });
  assert.deepEqual(text('#!/bin/bash -e\n'), { kind: 'script', interpreter: '/bin/bash' });
  assert.deepEqual(
    text('#!/bin/sh\r\n'),
    { kind: 'script', interpreter: '/bin/sh\r' },
    'a CRLF line: the kernel looks for "/bin/sh\\r"',
  );
  assert.equal(text('#!python3\n'), null, 'relative');
  assert.equal(text('#!/bin/sh'), null, 'no end of line within what the kernel reads');
  assert.equal(text(`#!/${'x'.repeat(300)}\n`), null, 'a line the kernel cuts');
  assert.equal(text('#!\n'), null);
  assert.equal(text('echo hi\n'), null);
  assert.equal(text(''), null);
});
