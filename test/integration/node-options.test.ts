// An app's NODE_OPTIONS (an APM agent's --require, a heap size) belong to the app's Node.js: the
// supervisor's own Node.js and staging's run without them, and every command the supervisor starts
// gets them back as they were (or still unset).
import '../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { makeScratch, writeConfig } from '../helpers/exec-fixture.js';
import { BIN, FIXTURES } from '../helpers/paths.js';
import { runBin } from '../helpers/run-bin.js';
import { healthCheck, runtimeConfig } from '../helpers/runtime-config-fixture.js';
import { createStagingLayout } from '../helpers/staging-layout.js';

const PRELOAD = path.join(FIXTURES, 'procs', 'preload-log.cjs');

async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

test(
  "exec runs without the app's NODE_OPTIONS; its sidecars get them as they were",
  { timeout: 30_000 },
  async (t) => {
    const { dir } = await makeScratch(t, 'node-options');
    const seen = path.join(dir, 'seen');
    const log = path.join(dir, 'preloads');
    const command = `echo "[\${NODE_OPTIONS-unset}]" >> ${seen}; node -e 0`;
    const config = writeConfig(
      dir,
      runtimeConfig([{ name: 'agent', command, memoryMb: 64, sidecarFor: ['web'] }], {
        web: healthCheck({ type: 'process' }),
      }),
    );
    const exec = (env: Record<string, string>) =>
      runBin(path.join(BIN, 'sidecars'), ['exec', '--for', 'web', '--config', config, '--status', 'off'], {
        env: { PRELOAD_LOG: log, ...env },
      });

    const options = `--require ${PRELOAD} --max-old-space-size=96`;
    const withOptions = await exec({ NODE_OPTIONS: options });
    assert.match(withOptions.stderr, /sidecars exec: agent exited with code 0/, withOptions.all);
    const preloads = await readLines(log);
    assert.equal(preloads.length, 1, `one preload, the sidecar's node -e: ${preloads.join(' | ')}`);
    assert.match(preloads[0] ?? '', /^\d+ -e$/);

    const without = await exec({});
    assert.match(without.stderr, /sidecars exec: agent exited with code 0/, without.all);
    // a stale set-aside value from outside is never taken for the app's
    const stale = await exec({ SIDECARS_APP_NODE_OPTIONS: `--require ${PRELOAD}` });
    assert.match(stale.stderr, /sidecars exec: agent exited with code 0/, stale.all);
    assert.deepEqual(await readLines(seen), [`[${options}]`, '[unset]', '[unset]']);
    assert.equal((await readLines(log)).length, 1, 'no preload without NODE_OPTIONS');
  },
);

test(
  "bin/supply stages with the app's NODE_OPTIONS set to a preload that is not there yet",
  { timeout: 60_000 },
  async (t) => {
    const layout = await createStagingLayout(t, path.join(FIXTURES, 'apps', 'grouped-web'), {
      buildpacks: 2,
      index: 0,
    });
    const result = await runBin(
      path.join(BIN, 'supply'),
      [layout.buildDir, layout.cacheDir, layout.depsDir, layout.depsIdx],
      { env: { CF_STACK: 'cflinuxfs4', MEMORY_LIMIT: '1G', NODE_OPTIONS: '--require ./newrelic.js' } },
    );
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all, /launch\.yml/);
  },
);
