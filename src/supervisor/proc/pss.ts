// What a container's memory cgroup charges a process tree is closer to the sum of its members'
// PSS (proportional set size: a page shared by N processes counts 1/N in each) than to the sum of
// their RSS, which counts a page once per process that maps it: a pre-fork server (gunicorn
// --preload, puma, php-fpm, nginx) shares most of its pages between its workers.
import { readFileSync } from 'node:fs';

import { PROC } from './process-table.js';

const KIB = 1024;

/** The sum of the `Pss:` lines (kB) of a smaps or smaps_rollup text, in bytes; null when there is none. */
export function parsePssBytes(text: string): number | null {
  let kib = 0;
  let found = false;
  for (const match of text.matchAll(/^Pss:\s+(\d+) kB$/gm)) {
    kib += Number(match[1]);
    found = true;
  }
  return found ? kib * KIB : null;
}

/**
 * The PSS of one process: smaps_rollup (Linux 4.14+), else the longer smaps. 0 for a process that
 * is gone (it holds nothing any more); null when it cannot be read (not ours, no /proc).
 */
function readPss(pid: number): number | null {
  for (const file of ['smaps_rollup', 'smaps']) {
    let text: string;
    try {
      text = readFileSync(`${PROC}/${pid}/${file}`, 'latin1');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ESRCH') return 0;
      if (code === 'ENOENT' && file === 'smaps_rollup') continue; // an older kernel, or gone
      return code === 'ENOENT' ? 0 : null;
    }
    // a zombie's or a kernel thread's smaps is empty: no memory of its own
    return text === '' ? 0 : parsePssBytes(text);
  }
  return null;
}

/**
 * The summed PSS of a tree's members; null when any member cannot be read, so that a breach the
 * RSS saw is never waived on a partial figure. Read only when the RSS sum is over a limit: it costs
 * the kernel a walk of every mapping (~0.1 ms for a small process, more for a large one).
 */
export function readTreePssBytes(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const pss = readPss(pid);
    if (pss === null) return null;
    total += pss;
  }
  return total;
}
