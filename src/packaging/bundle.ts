import { isAscii } from 'node:buffer';
import path from 'node:path';

import { build, type Plugin } from 'esbuild';

import { COMMANDS } from '../cli/commands.js';

import { trainCodeCaches } from './code-cache.js';

/** The two programs that run on the platform: bin/supply's and the supervisor's CLI. */
export const BUNDLES = { supply: 'src/cli/supply.ts', sidecars: 'src/cli/sidecars.ts' } as const;
export const BUNDLE_DIR = 'lib';
/** Each `sidecars` command gets a bundle of its own, loaded by the CLI when that command runs. */
const COMMANDS_SOURCE = 'src/cli/commands.ts';
const LOAD_BUNDLE_SOURCE = 'src/cli/load-bundle.ts';
/** lib/bundle.json: what was bundled, read by installSupervisor for the staging log. */
export const BUNDLE_INFO = 'bundle.json';

/** The bundles' extension: CommonJS (see bundlePrograms). */
export const BUNDLE_EXT = '.cjs';
/** `import.meta.url` of our ESM sources, in a CommonJS bundle. */
const IMPORT_META_URL_SHIM =
  "const __sidecarsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;";

export interface BundleInfo {
  /** the Node.js version the bundles were built for */
  node: string;
  /** the npm packages inside the bundles, sorted */
  packages: string[];
  /** the files under lib/ that make up the supervisor (installed into deps/<idx>/lib) */
  supervisor: string[];
}

export function toCommandBundle(command: string): string {
  return `sidecars-${command}`;
}

/** The supervisor's bundles: the CLI, and one per command. */
const SUPERVISOR_ENTRIES: Record<string, string> = {
  sidecars: BUNDLES.sidecars,
  ...Object.fromEntries(Object.keys(COMMANDS).map((name) => [toCommandBundle(name), `src/cli/${name}.ts`])),
};

/**
 * pino's destinations (sonic-boom) and transports (thread-stream), which the supervisor never uses:
 * its logger writes through its own stream (STYLE §4). pino requires both when it loads, and with
 * them node:worker_threads and node:assert (~7 ms of start-up); in the bundles they are a class
 * that says what is missing if anything ever constructs one.
 */
const NOT_BUNDLED = ['sonic-boom', 'thread-stream'];

const leaveOutUnused: Plugin = {
  name: 'sidecars-not-bundled',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${NOT_BUNDLED.join('|')})$`) }, (args) => ({
      path: args.path,
      namespace: 'not-bundled',
    }));
    build.onLoad({ filter: /.*/, namespace: 'not-bundled' }, (args) => ({
      contents: `module.exports = class NotBundled { constructor() { throw new Error(${JSON.stringify(
        `${args.path} is not in the sidecars bundle: pass pino a destination stream`,
      )}); } };`,
      loader: 'js',
    }));
  },
};

/**
 * pino's lib/tools.js reads node:worker_threads' isMainThread when it loads, and uses it only to
 * build a sonic-boom destination (left out above). Loading worker_threads costs ~3-5 ms of
 * start-up; the supervisor runs pino on its main thread, so the bundles answer for it.
 */
const PINO_TOOLS = /[\\/]pino[\\/]lib[\\/]tools\.js$/;
const mainThreadOnly: Plugin = {
  name: 'sidecars-main-thread-only',
  setup(build) {
    build.onResolve({ filter: /^(node:)?worker_threads$/ }, (args) =>
      PINO_TOOLS.test(args.importer) ? { path: 'worker_threads', namespace: 'main-thread-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'main-thread-only' }, () => ({
      contents: 'module.exports = { isMainThread: true };',
      loader: 'js',
    }));
  },
};

/**
 * `import('./run.js')` in src/cli/commands.ts → lib/sidecars-run.cjs, another bundle, loaded with
 * its V8 code cache (src/cli/load-bundle.ts).
 */
const commandsAsBundles: Plugin = {
  name: 'sidecars-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+\.js$/ }, (args) =>
      args.importer.endsWith(COMMANDS_SOURCE)
        ? { path: `${toCommandBundle(args.path.slice(2, -3))}${BUNDLE_EXT}`, namespace: 'command-bundle' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'command-bundle' }, (args) => ({
      contents: [
        `const { loadBundle } = require('./${LOAD_BUNDLE_SOURCE}');`,
        `module.exports = loadBundle(require('node:path').join(__dirname, ${JSON.stringify(args.path)}));`,
      ].join('\n'),
      resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
      loader: 'js',
    }));
  },
};

/**
 * The bundle with every non-ASCII character written as a \\u escape. esbuild escapes them in code
 * (its default charset) but keeps the comments it keeps as they are: an arrow in one would make
 * loadBundle decode the whole bundle as UTF-8 and V8 hold it as two bytes a character
 * (src/cli/load-bundle.ts). Outside code, in a comment, the escape means the same to a reader.
 */
export function toAsciiBundle(contents: Uint8Array): Uint8Array {
  if (isAscii(contents)) return contents;
  const ascii = Buffer.from(contents)
    .toString('utf8')
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(ascii, 'latin1');
}

export interface Bundle {
  /** path inside the buildpack (lib/supply.cjs) → content */
  files: Map<string, Uint8Array>;
  /** the npm packages inside the bundles, sorted */
  packages: string[];
}

export function toPackageName(input: string): string | null {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? null;
}

/**
 * Bundles bin/supply's program and the supervisor's CLI with esbuild, for the shipped Node.js (its version is the target), no node_modules
 * at run time. pino is used without transports (STYLE §4), so no worker files.
 *
 * CommonJS, not ESM: an ESM `import … from 'node:http'` makes Node 22 build the builtin's whole
 * namespace, which loads lazy parts (undici) and costs ~11 MB RSS and ~30 ms before main runs; a
 * require() leaves them lazy. The supervisor's RSS is declared in launch.yml, so it counts.
 * Modules behind a command's dynamic import() stay uninitialized until that command runs.
 *
 * With `trainWith` (the Node.js binary that ships, at the version given), the supervising
 * commands' bundles get V8 code caches from a training run (src/packaging/code-cache.ts).
 */
export async function bundlePrograms(
  repoRoot: string,
  nodeVersion: string,
  options: { trainWith?: string } = {},
): Promise<Bundle> {
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { supply: BUNDLES.supply, ...SUPERVISOR_ENTRIES },
    bundle: true,
    platform: 'node',
    target: `node${nodeVersion.split('.')[0] ?? '22'}`,
    format: 'cjs',
    outdir: BUNDLE_DIR,
    outExtension: { '.js': BUNDLE_EXT },
    banner: { js: IMPORT_META_URL_SHIM },
    define: { 'import.meta.url': '__sidecarsImportMetaUrl' },
    // a command's import() of another bundle becomes require(): no ESM loader at run time
    supported: { 'dynamic-import': false },
    plugins: [commandsAsBundles, leaveOutUnused, mainThreadOnly],
    legalComments: 'none',
    // node_modules/<pkg>, not the path a symlinked node_modules (a git worktree's) leads to: the
    // bundles name their sources in comments, and a checkout anywhere must build the same bytes
    // (the committed lib/, npm run build:lib)
    preserveSymlinks: true,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) {
    files.set(path.relative(repoRoot, output.path).split(path.sep).join('/'), toAsciiBundle(output.contents));
  }
  const packages = [
    ...new Set(
      Object.keys(result.metafile.inputs)
        .map(toPackageName)
        .filter((name): name is string => name !== null),
    ),
  ].sort();
  const supervisor = Object.keys(SUPERVISOR_ENTRIES).map((name) => `${name}${BUNDLE_EXT}`);
  if (options.trainWith !== undefined) {
    for (const [file, data] of await trainCodeCaches(files, BUNDLE_DIR, options.trainWith)) {
      files.set(file, data);
      supervisor.push(path.posix.basename(file));
    }
  }
  const info: BundleInfo = { node: nodeVersion, packages, supervisor };
  files.set(`${BUNDLE_DIR}/${BUNDLE_INFO}`, Buffer.from(`${JSON.stringify(info, null, 2)}\n`));
  return { files, packages };
}
