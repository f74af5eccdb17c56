// This checkout as a commit of it would hold it now (tracked files and new ones git does not ignore,
// as they are on disk): what a git clone of the buildpack gets, without dist/ or node_modules/.
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { execa } from 'execa';

import { REPO_ROOT } from './paths.js';

/** The files a commit of everything would hold, relative to the checkout's root. */
export async function listCheckoutFiles(): Promise<string[]> {
  const { stdout } = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO_ROOT,
  });
  const files: string[] = [];
  for (const file of new Set(stdout.split('\0').filter((f) => f !== ''))) {
    // a tracked file deleted on disk is not in the next commit
    if (
      await access(path.join(REPO_ROOT, file)).then(
        () => true,
        () => false,
      )
    )
      files.push(file);
  }
  return files.sort();
}

/** Copies those files into dest (modes and symlinks kept, by tar). */
export async function copyCheckout(dest: string): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'sidecars-checkout-'));
  try {
    const list = path.join(work, 'files');
    await writeFile(list, `${(await listCheckoutFiles()).join('\0')}\0`);
    const archive = path.join(work, 'checkout.tar');
    await execa('tar', ['-C', REPO_ROOT, '--null', '-T', list, '-cf', archive]);
    await mkdir(dest, { recursive: true });
    await execa('tar', ['-C', dest, '-xf', archive]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const GIT_IDENTITY = ['-c', 'user.name=sidecars test', '-c', 'user.email=test@example.invalid'];

/**
 * A bare repository `root/<name>` holding this checkout: a first commit as it is, tagged `as-is`,
 * then on `main` one commit per edit (each changes the work tree, then is committed).
 */
export async function makeBuildpackRepo(
  root: string,
  name: string,
  edits: readonly ((workTree: string) => Promise<void>)[] = [],
): Promise<string> {
  const work = path.join(root, `${name}.work`);
  await copyCheckout(work);
  const git = (...args: string[]) => execa('git', [...GIT_IDENTITY, ...args], { cwd: work });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'the checkout as it is');
  await git('tag', 'as-is');
  for (const [i, edit] of edits.entries()) {
    await edit(work);
    await git('commit', '-q', '-a', '-m', `edit ${i + 1}`);
  }
  const bare = path.join(root, name);
  await execa('git', ['clone', '-q', '--bare', work, bare]);
  await rm(work, { recursive: true, force: true });
  return bare;
}
