// A PATH like a stack's (cflinuxfs4/5) for staging: the machine's system tools (bash, coreutils,
// awk, curl, tar, gzip, sha256sum, git and the rest) and no Node.js. bin/supply of a zip or a git
// clone must stage on it.
import assert from 'node:assert/strict';
import { mkdir, readdir, stat, symlink } from 'node:fs/promises';
import path from 'node:path';

import { execa } from 'execa';

/** What staging may not find: Node.js and its package managers. */
const NOT_ON_A_STACK = /^(node|nodejs|npm|npx|corepack)$/;
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** What bin/supply and lib/install-runtime.sh call: each must be there. */
export const STACK_TOOLS = ['bash', 'awk', 'sha256sum', 'tar', 'gzip', 'curl', 'df', 'git'];

/** A dir of links to the system's executables but Node.js; resolves to it, for PATH. */
export async function makeStackPath(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const linked = new Set<string>();
  for (const systemDir of SYSTEM_DIRS) {
    for (const name of await readdir(systemDir).catch(() => [] as string[])) {
      if (linked.has(name) || NOT_ON_A_STACK.test(name)) continue;
      const file = path.join(systemDir, name);
      const info = await stat(file).catch(() => null);
      if (info === null || !info.isFile() || (info.mode & 0o111) === 0) continue;
      linked.add(name);
      await symlink(file, path.join(dir, name));
    }
  }
  for (const tool of STACK_TOOLS) assert.ok(linked.has(tool), `${tool} is needed on this machine`);
  const node = await execa(path.join(dir, 'bash'), ['-c', 'command -v node'], {
    reject: false,
    extendEnv: false,
    env: { PATH: dir },
  });
  assert.notEqual(node.exitCode, 0, 'no node on the stack PATH');
  return dir;
}
