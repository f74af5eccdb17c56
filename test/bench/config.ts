import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { RuntimeConfig, RuntimeSidecar } from '../../src/config/runtime-config.js';

/** A runtime config for `exec --for web` with the given sidecars and web check. */
export function writeExecConfig(
  dir: string,
  sidecars: Array<{ name: string; command: string; memoryMb: number } & Partial<RuntimeSidecar>>,
  checkType: 'port' | 'process',
): string {
  const config: RuntimeConfig = {
    version: 1,
    buildpackVersion: 'bench',
    depsIdx: '0',
    layout: 'grouped',
    supervisorMemoryMb: 64,
    sidecars: sidecars.map((s) => ({ ...s, sidecarFor: ['web'] })),
    processes: {
      web: {
        healthCheck: {
          type: checkType,
          endpoint: '/',
          port: null,
          timeoutMs: 60_000,
          invocationTimeoutMs: 1_000,
          intervalMs: 30_000,
        },
      },
    },
    launchEntries: [
      {
        type: 'sidecars-web',
        sidecarFor: ['web'],
        sidecars: sidecars.map((s) => s.name),
        memoryMb: 64 + sidecars.reduce((sum, s) => sum + s.memoryMb, 0),
      },
    ],
  };
  const file = path.join(dir, 'runtime-config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}
