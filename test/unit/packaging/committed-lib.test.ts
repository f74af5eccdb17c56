import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { isBuiltLibFile, toLibDifferences } from '../../../src/packaging/committed-lib.js';

const bytes = (text: string): Uint8Array => Buffer.from(text);

test('lib/ matches a fresh build only byte for byte; each difference is named', () => {
  const built = new Map([
    ['lib/supply.cjs', bytes('a')],
    ['lib/sidecars.cjs', bytes('b')],
    ['lib/bundle.json', bytes('{}')],
  ]);
  assert.deepEqual(toLibDifferences(built, new Map(built)), []);
  assert.deepEqual(
    toLibDifferences(
      built,
      new Map([
        ['lib/supply.cjs', bytes('a')],
        ['lib/sidecars.cjs', bytes('b ')],
        ['lib/sidecars-gone.cjs', bytes('c')],
      ]),
    ),
    [
      'lib/sidecars.cjs differs from a fresh build',
      'lib/bundle.json is missing',
      'lib/sidecars-gone.cjs is not built from src/ any more',
    ],
  );
});

test('build:lib owns the bundles, bundle.json and any code cache in lib/, not the scripts written by hand', () => {
  for (const name of ['supply.cjs', 'sidecars-run.cjs', 'bundle.json', 'sidecars-run.cjs.v8cache'])
    assert.ok(isBuiltLibFile(name), name);
  assert.ok(!isBuiltLibFile('install-runtime.sh'));
});
