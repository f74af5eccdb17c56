import { execa } from 'execa';

import type { NpmPack } from './runtime-tarball.js';

/**
 * The real NpmPack: `npm pack SPEC --prefer-offline`, served from the npm cache that `npm ci`
 * filled (the registry is asked only when the cache lacks the tarball).
 */
export function createNpmPack(cwd: string): NpmPack {
  return async (spec, destination) =>
    (
      await execa('npm', ['pack', spec, '--prefer-offline', '--json', '--pack-destination', destination], {
        cwd,
      })
    ).stdout;
}
