import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  createZipLayout,
  toEntryPath,
  toEntryShape,
  toNameProblem,
} from '../../../src/packaging/zip-layout.js';

const UNIX = 3 << 8;
const DOS = 0;
const OUTSIDE = 'outside the directory the zip is unpacked into';

test('an entry keeps its unix mode; a zip made elsewhere gets 0644; special bits are dropped', () => {
  assert.deepEqual(toEntryShape('bin/supply', UNIX | 20, 0o100755 << 16), { kind: 'file', mode: 0o755 });
  assert.deepEqual(toEntryShape('bin/supply', UNIX | 20, 0o104755 << 16), { kind: 'file', mode: 0o755 });
  assert.deepEqual(toEntryShape('README', DOS | 20, 0x20), { kind: 'file', mode: 0o644 });
  assert.deepEqual(toEntryShape('lib/', DOS | 20, 0x10), { kind: 'directory', mode: 0o755 });
  assert.deepEqual(toEntryShape('lib', UNIX | 20, 0o040700 << 16), { kind: 'directory', mode: 0o755 });
  assert.deepEqual(toEntryShape('link', UNIX | 20, 0o120777 << 16), { kind: 'symlink', mode: 0o777 });
  assert.deepEqual(toEntryShape('dev', UNIX | 20, 0o020644 << 16), {
    kind: 'unsupported',
    problem: 'is a character device: only files, directories and symlinks are unpacked',
  });
});

test('names that lead outside, or name nothing, are problems', () => {
  assert.equal(toNameProblem('bin/supply', 'file'), undefined);
  assert.equal(toNameProblem('./lib//x..y', 'file'), undefined);
  assert.equal(toNameProblem('./', 'directory'), undefined);
  assert.equal(toNameProblem('a/../b', 'file'), `has ".." in its path, which leads ${OUTSIDE}`);
  assert.equal(toNameProblem('/etc/passwd', 'file'), `is an absolute path, ${OUTSIDE}`);
  assert.equal(toNameProblem('C:/x', 'file'), `is an absolute path, ${OUTSIDE}`);
  assert.equal(toNameProblem('a\0b', 'file'), 'has a NUL byte in its name');
  assert.equal(toNameProblem('./', 'file'), 'has no file name');
  assert.deepEqual(['./a//b/', 'a/./b', './'].map(toEntryPath), ['a/b', 'a/b', '']);
});

test('an entry collides with one of the same path, or one that is not a directory around it', () => {
  const layout = createZipLayout();
  assert.equal(layout.place('bin', 'directory'), undefined);
  assert.equal(layout.place('bin/supply', 'file'), undefined);
  assert.equal(layout.place('lib/sub/file', 'file'), undefined);
  assert.equal(layout.place('lib', 'directory'), undefined, 'a directory listed after its content');
  assert.equal(layout.place('bin/supply', 'file'), 'appears twice in the zip');
  assert.equal(layout.place('bin/supply/x', 'file'), 'is inside bin/supply, which is a file in this zip');
  assert.equal(
    layout.place('lib/sub', 'symlink'),
    'is a symlink, but other entries of the zip are inside it',
  );
  assert.equal(layout.place('link', 'symlink'), undefined);
  assert.equal(layout.place('link/x', 'directory'), 'is inside link, which is a symlink in this zip');
});

test('a symlink may point anywhere inside the dir, along real directories only', () => {
  const layout = createZipLayout();
  for (const [entryPath, kind] of [
    ['lib/real', 'file'],
    ['bin/a', 'symlink'],
    ['bin/b', 'symlink'],
    ['here', 'symlink'],
  ] as const)
    layout.place(entryPath, kind);
  assert.equal(layout.toLinkProblem('bin/a', '../lib/real'), undefined);
  assert.equal(layout.toLinkProblem('bin/a', './b'), undefined, 'to another link, which is checked itself');
  assert.equal(layout.toLinkProblem('here', '.'), undefined);
  assert.equal(layout.toLinkProblem('bin/a', '../lib/./../lib/real'), undefined);
  assert.equal(layout.toLinkProblem('bin/a', '../..'), `is a symlink to "../..", ${OUTSIDE}`);
  assert.equal(
    layout.toLinkProblem('bin/a', '../lib/../../x'),
    `is a symlink to "../lib/../../x", ${OUTSIDE}`,
  );
  assert.equal(layout.toLinkProblem('x', '/'), `is a symlink to "/": an absolute path, ${OUTSIDE}`);
  assert.equal(
    layout.toLinkProblem('up', 'here/..'),
    'is a symlink to "here/..", a path through the symlink here: link to the real path instead',
  );
  assert.equal(layout.toLinkProblem('x', ''), 'is a symlink to "": an empty target');
});
