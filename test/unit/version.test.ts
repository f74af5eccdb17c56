import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT } from '../helpers/paths.js';

test('VERSION is the version source: package.json and the CHANGELOG follow it', async () => {
  const version = (await readFile(path.join(REPO_ROOT, 'VERSION'), 'utf8')).trim();
  assert.match(version, /^\d+\.\d+\.\d+$/);
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(pkg.version, version);
  assert.match(await readFile(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'), /^## \[Unreleased\]$/m);
});
