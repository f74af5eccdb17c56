// Which way the supervisor reads, measures and stops process trees. The /proc path (Linux with
// /proc/<pid>/task/<tid>/children) reads only the supervised trees through files it holds open,
// about 75× cheaper per poll than the portable path (0.3 ms of CPU against 26 ms with 10
// sidecars), and sees whole trees. The portable path (macOS, the BSDs, Linux kernels without
// children files) lists every process with an asynchronous `ps`, measures with pidusage and stops
// with tree-kill. SIDECARS_PROCESS_PATH=portable takes it on Linux too, so that it stays tested.
import { existsSync } from 'node:fs';

import { SidecarError } from '../../common/errors.js';
import { createTreeControl } from './kill-tree.js';
import { PROC, readPageSize } from './process-table.js';
import { readTreePssBytes } from './pss.js';
import type { ProcessPath, TreeSource } from './tree-source.js';

/** What SIDECARS_PROCESS_PATH may say; unset is `auto`. */
export type ProcessPathSetting = ProcessPath | 'auto';

export const PROCESS_PATH_ENV = 'SIDECARS_PROCESS_PATH';
const SETTINGS: readonly ProcessPathSetting[] = ['auto', 'proc', 'portable'];

/** SIDECARS_PROCESS_PATH's value (unset or empty: auto); anything else is a usage error. */
export function parseProcessPathSetting(value: string | undefined): ProcessPathSetting {
  if (value === undefined || value === '') return 'auto';
  const setting = SETTINGS.find((s) => s === value);
  if (setting !== undefined) return setting;
  throw new SidecarError(
    'usage',
    `${PROCESS_PATH_ENV}=${value} is not a process path`,
    'Write auto (the default: /proc where Linux has children files, else portable), proc or portable.',
  );
}

/** The path a setting takes on a system that can (or cannot) read trees from /proc. */
export function toProcessPath(setting: ProcessPathSetting, canReadProcTrees: boolean): ProcessPath {
  if (setting === 'portable') return 'portable';
  if (canReadProcTrees) return 'proc';
  if (setting === 'auto') return 'portable';
  throw new SidecarError(
    'usage',
    `${PROCESS_PATH_ENV}=proc: this system has no ${PROC}/<pid>/task/<tid>/children files to read process trees from`,
    `Unset ${PROCESS_PATH_ENV} (auto) or write portable: trees are then read with ps.`,
  );
}

/**
 * Whether the /proc path can run here: the kernel lists children (CONFIG_PROC_CHILDREN, as Cloud
 * Foundry's stemcells have it), and the page size, the unit of /proc's memory figures, is readable.
 */
export function canReadProcTrees(): boolean {
  return existsSync(`${PROC}/self/task/${process.pid}/children`) && readPageSize() !== null;
}

const procPath: TreeSource = {
  path: 'proc',
  open: (rootPid, clock, rootExited) => createTreeControl(rootPid, clock, rootExited),
  readPss: readTreePssBytes,
};

/**
 * The path's trees; the portable one is loaded now (it brings tree-kill and pidusage), never
 * before, and runs its `ps` in `helperEnv`.
 */
export async function loadTreeSource(
  path: ProcessPath,
  helperEnv?: Readonly<Record<string, string>>,
): Promise<TreeSource> {
  if (path === 'proc') return procPath;
  const { loadPortablePath } = await import('./portable-path.js');
  return loadPortablePath(helperEnv);
}
