// The portable path, imported only when it is taken: tree-kill and pidusage load with it, so that
// the /proc path's supervisor (its RSS is declared memory) never holds them.
import type { TreeSource } from './tree-source.js';
import { loadTreeKill } from './portable-kill.js';
import { createPidusageRss, createRssBatcher } from './portable-memory.js';
import { createPortableTreeControl, type PortableTreeControl } from './portable-tree-control.js';
import { createSharedListing, readPsListing } from './ps-listing.js';

/**
 * `helperEnv`: the environment of the `ps` runs (tree-kill's too), with the token that lets the
 * supervisor's last kill find one still running.
 */
export async function loadPortablePath(
  helperEnv?: Readonly<Record<string, string>>,
): Promise<TreeSource<PortableTreeControl>> {
  const signalTreeWalk = await loadTreeKill(helperEnv);
  const { default: pidusage } = await import('pidusage');
  const deps = {
    listing: createSharedListing(() => readPsListing(helperEnv)),
    readRss: createRssBatcher(createPidusageRss(pidusage)),
    signalTreeWalk,
  };
  return {
    path: 'portable',
    open: (rootPid, clock, rootExited) => createPortableTreeControl(rootPid, clock, rootExited, deps),
    // PSS is Linux's (/proc/<pid>/smaps_rollup): on this path the RSS sum alone decides, everywhere
    readPss: () => null,
  };
}
