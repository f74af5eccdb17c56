import { execa } from 'execa';

import { toShippedPath } from './shipped-node.js';

export interface BinResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as written */
  all: string;
}

/**
 * Runs a real program (a bin/ shim) with a clean, explicit environment. PATH, unless `env` sets
 * one, finds the shipped Node.js as `node`: what a shim in a checkout runs on.
 */
export async function runBin(
  file: string,
  args: readonly string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<BinResult> {
  const result = await execa(file, args, {
    reject: false,
    all: true,
    extendEnv: false,
    env: { PATH: toShippedPath(), ...options.env },
    timeout: options.timeoutMs ?? 30_000,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, all: result.all };
}
