// `run`'s view of a nested `sidecars exec` (a launch.yml entry of this buildpack): run gives it a
// records dir through NESTED_ENV; it reads back the exec's finished.json when it exits, and asks
// its state API (its default socket under the instance's TMPDIR) for its sidecars' rows.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SidecarError } from '../../common/errors.js';
import type { ProcessSpec } from '../model/process-spec.js';
import { NESTED_APP_PID_FILE, NESTED_ENV, parseNestedEnd, toNestedName } from '../core/nested-end.js';
import type { Policy } from '../core/policy.js';
import type { NestedSource } from '../model/nested-source.js';
import type { NestedEnd } from '../model/process-result.js';
import { FINISHED_FILE, toRecordFileBase } from '../records/records.js';
import { toEndedView } from '../api/state-view.js';
import type { ProcessView } from '../model/process-view.js';
import { toDefaultSocket, toFallbackSocket, toSocketPathProblem } from '../api/status-address.js';
import type { StatusAddress } from '../model/status-address.js';

/** How long GET /state of `run` waits for a nested exec's answer before it gives the last one. */
export const NESTED_STATE_TIMEOUT_MS = 1_000;

/** `<root>/<entry>`: a nested exec's records, apart from every other entry's and from run's own. */
export function toNestedDir(root: string, entry: string): string {
  return path.join(root, toRecordFileBase(entry));
}

/** Where the nested exec's state API is: its default socket, else the fallback it takes (exec.ts). */
export function toNestedAddresses(tmpDir: string, entry: string, uid: number | null): StatusAddress[] {
  if (tmpDir === '') return []; // exec then serves no API by default
  const primary = toDefaultSocket(tmpDir, entry);
  const usable = primary.kind === 'unix' && toSocketPathProblem(primary.path) === null;
  return [...(usable ? [primary] : []), ...(uid === null ? [] : [toFallbackSocket(tmpDir, entry, uid)])];
}

export function createNestedSource(
  entry: string,
  dir: string,
  addresses: readonly StatusAddress[],
): NestedSource {
  let end: NestedEnd | null = null;
  let last: Record<string, ProcessView> = {};
  const rename = (rows: Record<string, ProcessView>): Record<string, ProcessView> =>
    Object.fromEntries(Object.entries(rows).map(([name, row]) => [toNestedName(entry, name), row]));
  return {
    addresses,
    readEnd() {
      try {
        end = parseNestedEnd(readFileSync(path.join(dir, FINISHED_FILE), 'utf8'));
      } catch {
        end = null; // killed before it could write it, or never started
      }
      return end;
    },
    async readRows() {
      if (end !== null) {
        const ended = end;
        return rename(
          Object.fromEntries(
            Object.entries(ended.processes).map(([name, proc]) => [
              name,
              toEndedView(proc, last[toNestedName(entry, name)]),
            ]),
          ),
        );
      }
      // node:http is loaded on the first request, as the API server loads it: not for every run
      const { readState } = await import('../api/status-client.js');
      for (const address of addresses) {
        try {
          last = rename((await readState(address, NESTED_STATE_TIMEOUT_MS)).processes);
          return last;
        } catch {
          // not listening yet, or gone: the next address, else the last rows it gave
        }
      }
      return last;
    },
  };
}

/**
 * Without --artifacts, the nested execs' records go to a private dir in the droplet's own tmp/,
 * removed at the end; one a killed run left behind (its sidecars' raw logs) is removed by the next
 * run of the droplet, once it knows that run is over (settleStaleRun), never left in the shell's TMPDIR.
 */
export function makeNestedRoot(dropletDir: string): string {
  const dir = path.join(dropletDir, 'tmp', NESTED_ROOT_NAME);
  try {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch (error) {
    throw new SidecarError(
      'usage',
      `cannot make ${dir}: ${(error as Error).message}`,
      'Check that the droplet dir is writable.',
    );
  }
}

export const NESTED_ROOT_NAME = '.sidecars-nested';

const toNestedDirs = (specs: readonly ProcessSpec[]): string[] =>
  specs.flatMap((spec) => (spec.nested === undefined ? [] : (spec.env[NESTED_ENV] ?? [])));

/**
 * A finished.json or app.pid a nested exec's dir kept from an earlier run must not be read as this
 * run's.
 */
export function clearNestedEnds(specs: readonly ProcessSpec[]): void {
  for (const dir of toNestedDirs(specs)) {
    try {
      rmSync(path.join(dir, FINISHED_FILE), { force: true });
      rmSync(path.join(dir, NESTED_APP_PID_FILE), { force: true });
    } catch {
      // not a dir of ours to clear (a file in the way): the nested exec says so when it writes there
    }
  }
}

/**
 * Tells each nested exec the app's pid as the app starts (NESTED_APP_PID_FILE): its `stop:
 * after_app` then waits for that process where it never saw the app listen. A temp file, then a
 * rename: the exec reads no half-written pid.
 */
export function createAppPidHandoff(specs: readonly ProcessSpec[]): Policy {
  const main = specs.find((spec) => spec.record?.type === 'process')?.name;
  const dirs = toNestedDirs(specs);
  return {
    attach(sup) {
      return sup.bus.on((event) => {
        if (event.type !== 'process.running' || event.name !== main || event.pid === undefined) return;
        for (const dir of dirs) {
          const file = path.join(dir, NESTED_APP_PID_FILE);
          const tmp = `${file}.${process.pid}.tmp`;
          try {
            mkdirSync(dir, { recursive: true });
            writeFileSync(tmp, `${event.pid}\n`);
            renameSync(tmp, file);
          } catch {
            // the dir is not writable: its exec says so itself; it falls back to the app's port
          }
        }
      });
    },
  };
}
