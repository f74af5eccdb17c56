import path from 'node:path';

import { build } from 'esbuild';

/** The two programs that run on the platform, each bundled into one file with its packages. */
export const BUNDLES = { supply: 'src/cli/supply.ts', sidecars: 'src/cli/sidecars.ts' } as const;
export const BUNDLE_DIR = 'lib';
/** lib/bundle.json: what was bundled, read by installSupervisor for the staging log. */
export const BUNDLE_INFO = 'bundle.json';

/** CommonJS packages in an ESM bundle (pino, js-yaml) still call require() for node: builtins. */
const REQUIRE_SHIM =
  "import { createRequire as __sidecarsCreateRequire } from 'node:module'; const require = __sidecarsCreateRequire(import.meta.url);";

export interface Bundle {
  /** path inside the buildpack (lib/supply.mjs) → content */
  files: Map<string, Uint8Array>;
  /** the npm packages inside the bundles, sorted */
  packages: string[];
}

export function toPackageName(input: string): string | null {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? null;
}

/**
 * Bundles bin/supply's program and the supervisor's CLI with esbuild: ESM for Node 22, no
 * node_modules at run time. pino is used without transports (STYLE §4), so no worker files.
 */
export async function bundlePrograms(repoRoot: string, nodeVersion: string): Promise<Bundle> {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(Object.entries(BUNDLES).map(([name, entry]) => [name, entry])),
    bundle: true,
    platform: 'node',
    target: `node${nodeVersion.split('.')[0] ?? '22'}`,
    format: 'esm',
    outdir: BUNDLE_DIR,
    outExtension: { '.js': '.mjs' },
    banner: { js: REQUIRE_SHIM },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) {
    files.set(path.relative(repoRoot, output.path).split(path.sep).join('/'), output.contents);
  }
  const packages = [
    ...new Set(
      Object.keys(result.metafile.inputs)
        .map(toPackageName)
        .filter((name): name is string => name !== null),
    ),
  ].sort();
  files.set(
    `${BUNDLE_DIR}/${BUNDLE_INFO}`,
    Buffer.from(`${JSON.stringify({ node: nodeVersion, packages }, null, 2)}\n`),
  );
  return { files, packages };
}
