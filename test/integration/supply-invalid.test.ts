// The bad-input corpus: every fixtures/apps/invalid-* app must fail staging with exit 1, the exact
// staging log in fixtures/expected/<case>/staging.log, no stack trace, bounded memory, and nothing
// written under deps/<idx> (a launch.yml from an earlier staging stays as it was).
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, FIXTURES, UPDATE_GOLDEN } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { createStagingLayout, type StagingLayout } from '../helpers/staging-layout.js';

const PREVIOUS_LAUNCH_YML = '# from an earlier staging\nprocesses: []\n';
/** Hostile input must not make staging grow: the parser runs with a small heap and must still answer. */
const HEAP_LIMIT_MB = 64;

/** Cases whose staging environment differs from the default (MEMORY_LIMIT unset). */
const ENV: Record<string, Record<string, string>> = {
  'invalid-memory-at-limit': { MEMORY_LIMIT: '256M' },
  'invalid-memory-over-limit-per-sidecar': { MEMORY_LIMIT: '1G' },
  'invalid-memory-over-limit-supervisor': { MEMORY_LIMIT: '1024m' },
  'invalid-records-service-ambiguous': {
    VCAP_SERVICES: JSON.stringify({
      's3-a': [
        {
          name: 'logs-a',
          label: 's3-a',
          tags: ['s3'],
          credentials: { access_key_id: 'AKIA1', secret_access_key: 'SECRET-VALUE-1', bucket: 'logs-a' },
        },
      ],
      's3-b': [
        {
          name: 'logs-b',
          label: 's3-b',
          tags: ['s3'],
          credentials: { access_key_id: 'AKIA2', secret_access_key: 'SECRET-VALUE-2', bucket: 'logs-b' },
        },
      ],
    }),
  },
  'invalid-records-binding-no-keys': {
    VCAP_SERVICES: JSON.stringify({
      'user-provided': [
        {
          name: 'run-records',
          label: 'user-provided',
          tags: [],
          credentials: { bucket: 'runs', secret_access_key: 'SECRET-VALUE-3' },
        },
      ],
    }),
  },
};

/** Cases too large or too odd to commit: made in the build dir before staging. */
const GENERATED: Record<string, (layout: StagingLayout) => Promise<void>> = {
  'invalid-generated-multi-megabyte': (layout) =>
    writeFile(
      path.join(layout.buildDir, 'sidecars.yml'),
      `sidecars:\n${'  - name: a\n    command: x\n    memory: 1\n'.repeat(120_000)}`,
    ),
  'invalid-generated-deep-nesting': (layout) =>
    writeFile(
      path.join(layout.buildDir, 'sidecars.yml'),
      `sidecars: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
    ),
  'invalid-generated-wide-flow-list': (layout) =>
    writeFile(path.join(layout.buildDir, 'sidecars.yml'), `sidecars: [${'1,'.repeat(100_000)}1]\n`),
};

async function listCases(): Promise<string[]> {
  const apps = (await readdir(path.join(FIXTURES, 'apps'))).filter((name) => name.startsWith('invalid-'));
  return [...apps, ...Object.keys(GENERATED)].sort();
}

for (const name of await listCases()) {
  test(`bin/supply rejects ${name}`, { timeout: 30_000 }, async (t) => {
    const generate = GENERATED[name];
    const layout = await createStagingLayout(
      t,
      generate === undefined ? path.join(FIXTURES, 'apps', name) : undefined,
    );
    await generate?.(layout);
    await writeFile(path.join(layout.depDir, 'launch.yml'), PREVIOUS_LAUNCH_YML);

    const result = await runBin(
      path.join(BIN, 'supply'),
      [layout.buildDir, layout.cacheDir, layout.depsDir, layout.depsIdx],
      {
        env: { CF_STACK: 'cflinuxfs4', NODE_OPTIONS: `--max-old-space-size=${HEAP_LIMIT_MB}`, ...ENV[name] },
        timeoutMs: 20_000,
      },
    );

    const golden = path.join(FIXTURES, 'expected', name, 'staging.log');
    if (UPDATE_GOLDEN) {
      await mkdir(path.dirname(golden), { recursive: true });
      await writeFile(golden, `${result.all}\n`);
    }
    assert.equal(result.all, (await readFile(golden, 'utf8')).replace(/\n$/, ''), `staging log of ${name}`);
    assert.equal(result.exitCode, 1, result.all);
    assert.doesNotMatch(result.all, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
    assert.doesNotMatch(result.all, /SECRET-VALUE/, 'no credential in the staging log');
    assert.match(result.all, /\*\*ERROR\*\*/);
    assert.deepEqual(await readdir(layout.depDir), ['launch.yml'], 'nothing new under deps/<idx>');
    assert.equal(await readFile(path.join(layout.depDir, 'launch.yml'), 'utf8'), PREVIOUS_LAUNCH_YML);
  });
}
