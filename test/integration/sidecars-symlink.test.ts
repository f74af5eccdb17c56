// bin/sidecars run through a symlink (`ln -s …/bin/sidecars ~/bin/sidecars`): it finds its real
// folder from a development checkout and from an installed deps/<idx>, and a real `sidecars exec`
// runs through the link; run directly, it still forks nothing before it execs Node.js.
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { execa } from 'execa';

import { writeConfig } from '../helpers/exec-fixture.js';
import { BIN, FIXTURES, REPO_ROOT } from '../helpers/paths.js';
import { isAlive, readPids } from '../helpers/pids.js';
import { runBin } from '../helpers/run-bin.js';
import { readShippedNodeVersion, SHIPPED_NODE, toShippedPath } from '../helpers/shipped-node.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { createStagingLayout } from '../helpers/staging-layout.js';
import { makeTempDir } from '../helpers/tmp-dir.js';

const TIMEOUT_MS = 60_000;
/** `sidecars --version` on the shipped Node.js, which every run here gets */
const VERSION_LINE = `sidecars ${(await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim()} (Node.js ${readShippedNodeVersion()})`;

/** Every way to reach `shim` through links, below `root`: name → the path to run. */
async function linkShim(root: string, shim: string): Promise<Record<string, string>> {
  const at = (...parts: string[]): string => path.join(root, ...parts);
  for (const dir of ['abs', 'rel', 'chain', 'tools']) await mkdir(at(dir));
  await symlink(shim, at('abs', 'sidecars'));
  await symlink(path.relative(at('rel'), shim), at('rel', 'sidecars'));
  await symlink('../rel/sidecars', at('chain', 'sidecars'));
  await symlink(path.dirname(shim), at('tools', 'bin'));
  await symlink(path.dirname(shim), at('bindir'));
  await symlink(path.dirname(path.dirname(shim)), at('install'));
  return {
    'an absolute symlink': at('abs', 'sidecars'),
    'a relative symlink': at('rel', 'sidecars'),
    'a chain of symlinks': at('chain', 'sidecars'),
    'a symlink named bin to its bin/': at('tools', 'bin', 'sidecars'),
    'a symlink to its bin/': at('bindir', 'sidecars'),
    'a symlink to its folder': at('install', 'bin', 'sidecars'),
  };
}

/** A dir with a `readlink` as macOS had it before 12.3: no -f. */
async function makeReadlinkWithoutF(root: string): Promise<string> {
  const dir = path.join(root, 'readlink-without-f');
  await mkdir(dir);
  const script = [
    '#!/bin/sh',
    'if [ "$1" = -f ]; then echo "readlink: illegal option -- f" >&2; exit 1; fi',
    'PATH="${PATH#*:}" exec readlink "$@"',
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'readlink'), script, { mode: 0o755 });
  return dir;
}

async function assertVersionThroughLinks(root: string, shim: string): Promise<void> {
  const pathEnv = toShippedPath();
  const withoutF = `${await makeReadlinkWithoutF(root)}:${pathEnv}`;
  for (const [how, file] of Object.entries(await linkShim(root, shim))) {
    for (const PATH of [pathEnv, withoutF]) {
      const result = await runBin(file, ['--version'], { env: { PATH } });
      assert.deepEqual([result.exitCode, result.all], [0, VERSION_LINE], `${how}, PATH=${PATH}`);
    }
  }
  // found on PATH by name, as `ln -s … ~/bin/sidecars; sidecars --help`, from another dir
  const onPath = await runBin('sidecars', ['--help'], {
    env: { PATH: `${path.join(root, 'chain')}:${pathEnv}` },
    cwd: '/',
  });
  assert.equal(onPath.exitCode, 0, onPath.all);
  assert.match(onPath.stdout, /^Usage: sidecars <command>/);
}

test(
  'a development checkout: --version and --help through every kind of link, with and without readlink -f',
  { timeout: TIMEOUT_MS },
  async (t) => {
    await assertVersionThroughLinks(await makeTempDir(t), path.join(BIN, 'sidecars'));
  },
);

test(
  'a development checkout: `sidecars exec` runs through a relative link',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const root = await makeTempDir(t);
    const pids = path.join(root, 'pids');
    const config = writeConfig(
      root,
      runtimeConfig(
        [
          {
            name: 'quitter',
            command: `echo $$ >> ${pids}; echo bye; exit 3`,
            memoryMb: 16,
            sidecarFor: ['web'],
          },
        ],
        { web: healthCheck({ type: 'process' }) },
      ),
    );
    const links = await linkShim(root, path.join(BIN, 'sidecars'));
    const result = await runBin(
      links['a relative symlink'] ?? '',
      ['exec', '--for', 'web', '--config', config],
      {
        timeoutMs: TIMEOUT_MS,
      },
    );
    assert.equal(result.exitCode, 3, result.all);
    assert.match(result.stdout, /^bye$/m);
    for (const pid of readPids(pids)) assert.equal(isAlive(pid), false, `pid ${pid} outlived exec`);
  },
);

test(
  'an installed deps/<idx>: through a link, exec finds its own runtime-config.json and SIDECAR_DEP_DIR',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'no-sidecars'));
    const pids = path.join(layout.buildDir, 'pids');
    await writeFile(
      path.join(layout.buildDir, 'sidecars.yml'),
      [
        'sidecars:',
        '  - name: quitter',
        `    command: echo $$ >> ${pids}; echo "bye from $SIDECAR_DEP_DIR"; exit 3`,
        '    memory: 16M',
        '    sidecar_for: [web]',
        'processes:',
        '  web:',
        '    health_check:',
        '      type: process',
        '',
      ].join('\n'),
    );
    const supply = await runBin(
      path.join(BIN, 'supply'),
      [layout.buildDir, layout.cacheDir, layout.depsDir, layout.depsIdx],
      { env: { CF_STACK: 'cflinuxfs4', MEMORY_LIMIT: '1G' }, timeoutMs: TIMEOUT_MS },
    );
    assert.equal(supply.exitCode, 0, supply.all);
    const shim = path.join(layout.depDir, 'bin', 'sidecars');
    const root = await makeTempDir(t);
    await assertVersionThroughLinks(root, shim);

    // no --config: the default is $SIDECAR_DEP_DIR/runtime-config.json, so the link led to deps/<idx>
    const result = await runBin(path.join(root, 'rel', 'sidecars'), ['exec', '--for', 'web'], {
      cwd: '/',
      timeoutMs: TIMEOUT_MS,
    });
    assert.equal(result.exitCode, 3, result.all);
    assert.match(result.stdout, new RegExp(`^bye from ${await realpath(layout.depDir)}$`, 'm'));
    for (const pid of readPids(pids)) assert.equal(isAlive(pid), false, `pid ${pid} outlived exec`);
  },
);

test(
  'run directly (not through a link), the shim forks nothing before it execs Node.js',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const strace = await execa('strace', ['-f', '-o', '/dev/null', 'true'], { reject: false });
    if (strace.failed) {
      t.skip(`strace cannot run here: ${strace.shortMessage}`);
      return;
    }
    // an installed layout's shape, with its own Node.js (otherwise `command -v node` forks)
    const root = await makeTempDir(t);
    const dep = path.join(root, 'deps', '0');
    await mkdir(path.join(dep, 'bin'), { recursive: true });
    await mkdir(path.join(dep, 'node', 'bin'), { recursive: true });
    await writeFile(path.join(dep, 'bin', 'sidecars'), await readFile(path.join(BIN, 'sidecars')), {
      mode: 0o755,
    });
    await symlink(path.join(REPO_ROOT, 'dist'), path.join(dep, 'dist'));
    await symlink(path.join(REPO_ROOT, 'VERSION'), path.join(dep, 'VERSION'));
    await symlink(path.join(REPO_ROOT, 'package.json'), path.join(dep, 'package.json'));
    await symlink(SHIPPED_NODE, path.join(dep, 'node', 'bin', 'node'));
    const trace = path.join(root, 'trace');
    const forksBeforeNode = async (shim: string): Promise<string[]> => {
      const run = await runBin('strace', [
        '-f',
        '-e',
        'trace=execve,clone,clone3,fork,vfork',
        '-o',
        trace,
        shim,
        '--version',
      ]);
      assert.deepEqual([run.exitCode, run.stdout], [0, VERSION_LINE], run.all);
      const calls = (await readFile(trace, 'utf8')).split('\n');
      const node = calls.findIndex((line) =>
        line.includes(`execve("${path.join(dep, 'node', 'bin', 'node')}"`),
      );
      assert.ok(node > 0, 'the shim execs deps/0/node/bin/node');
      return calls.slice(0, node).filter((line) => /\b(clone3?|v?fork)\(/.test(line));
    };
    assert.deepEqual(await forksBeforeNode(path.join(dep, 'bin', 'sidecars')), []);
    // the same count through a link sees the readlink: the check above can fail
    await symlink(path.join(dep, 'bin', 'sidecars'), path.join(root, 'sidecars'));
    assert.notDeepEqual(await forksBeforeNode(path.join(root, 'sidecars')), []);
  },
);
