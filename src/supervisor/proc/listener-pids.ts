import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** The socket inodes listening (state 0A) on TCP `port`, from /proc/net/tcp and tcp6 text. Pure. */
export function parseListenerInodes(tables: readonly string[], port: number): Set<string> {
  const inodes = new Set<string>();
  for (const text of tables) {
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (local === undefined || inode === undefined || state !== '0A' || inode === '0') continue;
      if (Number.parseInt(local.split(':').at(-1) ?? '', 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The pids (other than ours) that hold a socket listening on TCP `port`, from /proc (Linux; the
 * container's processes share its pid namespace). [] where there is no /proc or no listener.
 */
export function readListenerPids(port: number, procDir = '/proc'): number[] {
  const tables = [readOr(path.join(procDir, 'net/tcp')), readOr(path.join(procDir, 'net/tcp6'))];
  const inodes = parseListenerInodes(tables, port);
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync(procDir);
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(path.join(procDir, entry, 'fd'));
    } catch {
      continue; // gone, or not ours to read
    }
    const holds = fds.some((fd) => {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(path.join(procDir, entry, 'fd', fd)));
        return match?.[1] !== undefined && inodes.has(match[1]);
      } catch {
        return false;
      }
    });
    if (holds) pids.push(Number(entry));
  }
  return pids;
}

/** False once `pid` has gone or is a zombie (ended, not yet reaped by its parent). */
export function isPidRunning(pid: number, procDir = '/proc'): boolean {
  const stat = readOr(path.join(procDir, String(pid), 'stat'));
  if (stat === '') return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}
