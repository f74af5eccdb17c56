import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** __SO_ACCEPTCON in /proc/net/unix's Flags column: a listening socket */
const LISTENING = 0x10000;

/**
 * The paths `pid`'s listening unix sockets were bound to (/proc/net/unix, matched to the inodes
 * of its file descriptors). The kernel keeps the name a socket was bound to after the file is
 * unlinked or replaced: a path here is not proof that connecting to it reaches `pid`.
 */
export function listeningUnixPaths(pid: number): string[] {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const out: string[] = [];
  for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode [Path]
    const [, , , flags, , , inode, file] = line.trim().split(/\s+/);
    if (file === undefined || inode === undefined || !inodes.has(inode)) continue;
    if ((parseInt(flags ?? '0', 16) & LISTENING) !== 0) out.push(file);
  }
  return out.sort();
}
