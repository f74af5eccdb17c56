// Where `sidecars stage --buildpack X` takes a buildpack from, as the platform's builder does
// (buildpackapplifecycle, buildpackrunner): a directory or a zip on disk; a URL whose path ends in
// .zip, downloaded and unzipped; any other URL, a git repository cloned with `git clone --depth 1
// --recursive [-b <#fragment>]` (the full history and a checkout when a shallow clone fails).
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { execa } from 'execa';

import { SidecarError } from '../common/errors.js';
import { pathExists } from '../common/fs.js';
import { extractZip } from '../packaging/zip-read.js';

/** The builder's bound on a buildpack download (DOWNLOAD_TIMEOUT). */
export const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
/** No such bound in the builder; a clone that hangs longer is not waited for here either. */
export const CLONE_TIMEOUT_MS = 10 * 60_000;

/** A fetched buildpack's dir is named for its URL's last segment, as the staging log shows it. */
export type BuildpackSource =
  | { kind: 'path'; path: string }
  | { kind: 'zip-url'; url: string; name: string }
  | { kind: 'git-url'; url: string; ref: string | null; name: string };

/** A buildpack to stage with: where it is on disk, and the key result.json names it by. */
export interface ResolvedBuildpack {
  dir: string;
  key: string;
}

/** What -b names: a URL (any scheme://) is fetched, anything else is a path. */
export function toBuildpackSource(arg: string): BuildpackSource {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return { kind: 'path', path: arg };
  const hash = arg.indexOf('#');
  const url = hash < 0 ? arg : arg.slice(0, hash);
  const pathname = URL.canParse(url) ? new URL(url).pathname : url;
  const name =
    pathname
      .replace(/\/+$/, '')
      .split('/')
      .at(-1)
      ?.replace(/\.(zip|git)$/, '') || 'buildpack';
  if (pathname.endsWith('.zip')) return { kind: 'zip-url', url: arg, name };
  const ref = hash < 0 ? '' : arg.slice(hash + 1);
  return { kind: 'git-url', url, ref: ref === '' ? null : ref, name };
}

/** The URL as the log shows it: never the password or token of `https://user:token@host/…`. */
export function toShownUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/**
 * The buildpack's root in what was fetched: the dir itself when it has bin/, else its only entry
 * when that has bin/ (a zip of a folder, as GitHub's archives are).
 */
async function findBuildpackRoot(dir: string, shown: string): Promise<string> {
  if (await pathExists(path.join(dir, 'bin'))) return dir;
  const entries = await readdir(dir);
  const [only] = entries;
  if (entries.length === 1 && only !== undefined && (await pathExists(path.join(dir, only, 'bin'))))
    return path.join(dir, only);
  throw new SidecarError('usage', `malformed buildpack does not contain a /bin dir: ${shown}`);
}

/** Fetches or locates each buildpack, in order; what is fetched goes below `work`. */
export async function resolveBuildpacks(
  buildpacks: readonly string[],
  work: string,
  log: (line: string) => void,
): Promise<ResolvedBuildpack[]> {
  const resolved: ResolvedBuildpack[] = [];
  for (const [i, arg] of buildpacks.entries()) {
    const source = toBuildpackSource(arg);
    const dir = path.join(work, 'buildpacks', String(i));
    if (source.kind === 'path') {
      const info = await stat(arg).catch(() => null);
      if (info === null) throw new SidecarError('usage', `buildpack ${arg} does not exist`);
      if (info.isDirectory()) {
        resolved.push({ dir: path.resolve(arg), key: path.resolve(arg) });
        continue;
      }
      await extractZip(arg, dir);
      resolved.push({ dir, key: dir });
      continue;
    }
    const shown = toShownUrl(source.url);
    const fetched = path.join(dir, source.name);
    if (source.kind === 'zip-url') {
      const zip = `${dir}.zip`;
      await mkdir(path.dirname(zip), { recursive: true });
      const bytes = await downloadFile(source.url, zip, shown);
      await extractZip(zip, fetched);
      log(`-----> Downloaded buildpack ${shown} (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
    } else {
      await cloneRepository(source.url, source.ref, fetched, shown);
      log(`-----> Cloned buildpack ${shown}${source.ref === null ? '' : ` at ${source.ref}`}`);
    }
    resolved.push({ dir: await findBuildpackRoot(fetched, shown), key: toShownUrl(arg) });
  }
  return resolved;
}

async function downloadFile(url: string, file: string, shown: string): Promise<number> {
  const hint = 'Check the URL: the platform downloads it the same way at staging.';
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new SidecarError('usage', `could not download buildpack ${shown}: ${cause}`, hint, {
      cause: error,
    });
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new SidecarError('usage', `could not download buildpack ${shown}: HTTP ${response.status}`, hint);
  }
  try {
    await pipeline(Readable.fromWeb(response.body), createWriteStream(file));
  } catch (error) {
    throw new SidecarError(
      'usage',
      `could not download buildpack ${shown}: ${(error as Error).message}`,
      hint,
      { cause: error },
    );
  }
  return (await stat(file)).size;
}

async function cloneRepository(url: string, ref: string | null, dir: string, shown: string): Promise<void> {
  const git = (args: string[]) =>
    execa('git', args, {
      reject: false,
      timeout: CLONE_TIMEOUT_MS,
      // never a prompt for credentials: it would wait for an answer that never comes
      env: { GIT_TERMINAL_PROMPT: '0' },
      stdin: 'ignore',
    });
  const shallow = await git([
    'clone',
    '--depth',
    '1',
    ...(ref === null ? [] : ['-b', ref]),
    '--recursive',
    url,
    dir,
  ]);
  if (shallow.exitCode === 0) return;
  // as the builder: the whole history, then the ref (a commit sha cannot be cloned shallow)
  await rm(dir, { recursive: true, force: true });
  const full = await git(['clone', '--recursive', url, dir]);
  const failed =
    full.exitCode !== 0
      ? full
      : ref === null
        ? null
        : await git(['--git-dir', path.join(dir, '.git'), '--work-tree', dir, 'checkout', ref]);
  if (failed === null || failed.exitCode === 0) return;
  const reason = toGitReason(String(failed.stderr)) ?? failed.shortMessage;
  throw new SidecarError(
    'usage',
    full.exitCode !== 0
      ? `could not clone buildpack ${shown}: ${reason}`
      : `could not check out ${ref ?? ''} of buildpack ${shown}: ${reason}`,
    'Check the URL and the branch, tag or commit after #: the platform clones it the same way at staging.',
  );
}

/** git's own reason, its last `fatal:` line, with any credentials of the URL masked. */
function toGitReason(stderr: string): string | null {
  const fatal = stderr
    .split('\n')
    .filter((line) => /^(fatal|error):/.test(line))
    .at(-1);
  return fatal === undefined ? null : fatal.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
