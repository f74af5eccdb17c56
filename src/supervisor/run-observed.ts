// `supervise` plus what lets others observe the run: the state API (--status) and the run
// records (--artifacts). Shared by `exec` and `run`; the CLI only parses the flags.
import type { Logger } from 'pino';

import { SidecarError } from '../common/errors.js';
import { startStatusServer, type StatusServer } from './api.js';
import type { RunSource } from './records.js';
import type { StatusAddress } from './status-address.js';
import { toAddressText } from './status-address.js';
import { type SuperviseOptions, supervise } from './supervise.js';
import type { RunOutcome } from './supervisor.js';
import { type RunRecorder, startRecords } from './write-records.js';

export interface ObservedRunOptions extends SuperviseOptions {
  /** --status; `required: false` for exec's default socket: a failure to listen is only logged */
  status: { address: StatusAddress; required: boolean } | null;
  /** --artifacts DIR, and what the run was started from */
  artifacts: { dir: string; source: RunSource } | null;
}

export async function runObserved(opts: ObservedRunOptions): Promise<RunOutcome> {
  const { logger } = opts;
  let server: StatusServer | null = null;
  if (opts.status !== null) {
    try {
      server = await startStatusServer(opts.status.address, Date.now);
      logger.info({ event: 'status.listening', address: server.address }, `state API on ${server.address}`);
    } catch (error) {
      if (opts.status.required || !(error instanceof SidecarError)) throw error;
      logWarning(logger, toAddressText(opts.status.address), error);
    }
  }
  let recorder: RunRecorder | null = null;
  try {
    if (opts.artifacts !== null) {
      const { dir, source } = opts.artifacts;
      recorder = await startRecords(dir, source, opts.specs, { nowMs: Date.now() });
    }
    const outcome = await supervise({
      ...opts,
      specs: recorder?.specs ?? opts.specs,
      extraPolicies: [...(opts.extraPolicies ?? []), ...(server !== null ? [server.policy] : [])],
    });
    try {
      await recorder?.finish(outcome, Date.now());
    } catch (error) {
      // every process is gone by now: report the lost records, and never let the run pass
      logger.error(
        { event: 'records.write_failed', error: (error as Error).message },
        `could not write the run records: ${(error as Error).message}`,
      );
      return outcome.exitCode === 0 ? { ...outcome, exitCode: 1 } : outcome;
    }
    return outcome;
  } finally {
    await server?.close();
  }
}

function logWarning(logger: Logger, address: string, error: SidecarError): void {
  logger.warn({ event: 'status.unavailable', address }, `no state API: ${error.message}`);
}
