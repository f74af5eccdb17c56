// `sidecars stage APP_DIR --out DROPLET_DIR [--buildpack DIR|ZIP|URL]... [--env KEY=VALUE]...`: the
// platform's staging, locally.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { execa } from 'execa';

import { EXIT, SidecarError } from '../common/errors.js';
import { pathExists } from '../common/fs.js';
import { type PhaseRunner, stageDroplet } from '../staging/local-builder.js';
import { DROPLET_MEMBERS, formatPacked, measurePacked } from '../staging/packed-size.js';

import { toExtraEnv } from './extra-env.js';
import { reportError } from './report-error.js';
import { resolveBuildpackDir } from './version.js';

export const SUMMARY = "stage an app into a droplet dir as the platform's builder does (for `sidecars run`)";

/** The minimal final buildpack used when no --buildpack is given: start command from the Procfile. */
export const DEFAULT_FINAL_BUILDPACK = path.join('fixtures', 'buildpacks', 'procfile');
const DEFAULT_MEMORY = '1024m';
const DEFAULT_STACK = 'cflinuxfs4';
/** What the developer's shell passes to the buildpacks; the rest is the platform's staging env. */
const PASSED_THROUGH = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TERM'];

export const HELP = `Usage: sidecars stage APP_DIR --out DROPLET_DIR [options]

Runs bin/supply of every buildpack but the last, then the last one's bin/supply (if any) and
bin/finalize (or bin/compile) and bin/release, as the platform does, into a droplet dir that
\`sidecars run\` starts.

Options:
  -o, --out DROPLET_DIR        where the droplet goes (required)
  -b, --buildpack DIR|ZIP|URL  a buildpack, in order (repeatable); default: this buildpack, then
                               ${DEFAULT_FINAL_BUILDPACK} (start command from the Procfile).
                               A URL as cf push -b takes it: a path ending in .zip is downloaded
                               and unzipped; any other URL is a git repository, cloned
                               (git clone --depth 1 --recursive, -b the #fragment:
                               https://host/org/repo.git#v1.2.0)
  --env KEY=VALUE              an app environment variable (cf set-env), given to every buildpack
                               (repeatable; --env KEY takes KEY's value from this shell)
  --memory SIZE                MEMORY_LIMIT of the staging environment (default ${DEFAULT_MEMORY})
  --stack STACK                CF_STACK of the staging environment (default ${DEFAULT_STACK})
  --cache DIR                  the build artifacts cache, kept between stagings, one dir per
                               buildpack (default: DROPLET_DIR/.cache)
  --sizes                      pack the droplet and the build artifacts cache as the platform's
                               builder does (tar -czf, gzip -6) and report their sizes and packing
                               times (counted as they stream: nothing is written)
  -h, --help                   show this help

Exit codes: 0 staged; 225 supply, 226 finalize, 223 compile, 224 release failed; 1 usage.`;

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`sidecars stage: ${(error as Error).message}\n${HELP}`);
    return EXIT.failure;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(HELP);
    return EXIT.ok;
  }
  const [appDir] = positionals;
  if (appDir === undefined || positionals.length !== 1 || values.out === undefined) {
    console.error(`sidecars stage: give one APP_DIR and --out DROPLET_DIR\n${HELP}`);
    return EXIT.failure;
  }
  const outDir = path.resolve(values.out);
  const env: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  Object.assign(env, {
    CF_STACK: values.stack ?? DEFAULT_STACK,
    MEMORY_LIMIT: values.memory ?? DEFAULT_MEMORY,
    VCAP_APPLICATION: JSON.stringify({ application_name: path.basename(outDir), space_name: 'local' }),
    VCAP_SERVICES: '{}',
  });
  try {
    Object.assign(env, await toExtraEnv([], values.env ?? [], process.env));
  } catch (error) {
    return reportError(error);
  }
  const run: PhaseRunner = async (file, args, { captureStdout }) => {
    const result = await execa(file, args, {
      reject: false,
      extendEnv: false,
      env,
      stdin: 'ignore',
      stdout: captureStdout ? 'pipe' : 'inherit',
      stderr: 'inherit',
    });
    return {
      exitCode: result.exitCode ?? EXIT.failure,
      stdout: typeof result.stdout === 'string' ? result.stdout : '',
    };
  };
  try {
    if (!(await isDirectory(appDir))) {
      throw new SidecarError(
        'usage',
        `${appDir} is not an app directory`,
        'Pass the directory you would `cf push`.',
      );
    }
    const buildpacks = values.buildpack ?? (await toDefaultBuildpacks());
    const cacheDir = path.resolve(values.cache ?? path.join(outDir, '.cache'));
    const outcome = await stageDroplet(
      { appDir: path.resolve(appDir), outDir, buildpacks, cacheDir },
      { run, log: (line) => console.log(line) },
    );
    if (outcome.status !== 'staged') return outcome.exitCode;
    if (values.sizes === true) {
      const droplet = await measurePacked(outDir, DROPLET_MEMBERS);
      const cache = await measurePacked(cacheDir, ['.']);
      console.log(`-----> Packed as the platform's builder packs them (tar -czf):`);
      console.log(`       droplet ${formatPacked(droplet)}`);
      console.log(`       build artifacts cache ${formatPacked(cache)}`);
    }
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      buildpack: { type: 'string', short: 'b', multiple: true },
      env: { type: 'string', multiple: true },
      memory: { type: 'string' },
      stack: { type: 'string' },
      cache: { type: 'string' },
      sizes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function toDefaultBuildpacks(): Promise<string[]> {
  const self = resolveBuildpackDir();
  const final = path.join(self, DEFAULT_FINAL_BUILDPACK);
  if (!(await pathExists(final))) {
    throw new SidecarError(
      'usage',
      `the default final buildpack ${final} is missing`,
      'Name the buildpacks: --buildpack A --buildpack B.',
    );
  }
  return [self, final];
}

async function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
