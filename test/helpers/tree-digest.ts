import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Every file under dir (relative path → sha256 and mode), symlinks as their target: compare trees for equality. */
export async function digestTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (relative: string): Promise<void> => {
    for (const name of (await readdir(path.join(dir, relative))).sort()) {
      const rel = path.join(relative, name);
      const stats = await lstat(path.join(dir, rel));
      if (stats.isDirectory()) await walk(rel);
      else if (stats.isSymbolicLink()) out[rel] = `-> ${await readlink(path.join(dir, rel))}`;
      else
        out[rel] = `${(stats.mode & 0o777).toString(8)} ${createHash('sha256')
          .update(await readFile(path.join(dir, rel)))
          .digest('hex')}`;
    }
  };
  await walk('');
  return out;
}
