// `supervise` plus what lets others observe the run: the state API (--status) and the run
// records (--artifacts). Shared by `exec` and `run`; the CLI only parses the flags.
import type { Logger } from 'pino';

import { SidecarError } from '../../common/errors.js';
import { startStatusServer, type StatusServer } from '../api/api.js';
import { toErrnoText } from '../api/errno-text.js';
import type { LivePage } from '../api/serve-page.js';
import { type ListenOptions, SocketHeldError } from '../api/listen-status.js';
import type { RunSource } from '../records/records.js';
import type { StatusAddress } from '../model/status-address.js';
import { toAddressText, toSocketSuffixPid, toSuffixedSocket } from '../api/status-address.js';
import { type SuperviseOptions, supervise } from './supervise.js';
import type { RunOutcome } from '../model/run-outcome.js';
import { type RunRecorder, startRecords } from '../records/write-records.js';
import { createEventBus } from '../model/events.js';
import type { StartedUpload, UploadRequest } from '../records/start-upload.js';
import type { RunIdentity } from '../records/records.js';
import { type Censor, NO_CENSOR } from '../secrets/censor.js';

function toRunIdentity(request: UploadRequest): RunIdentity {
  const { origin } = request;
  return {
    id: request.runId,
    app: origin.app,
    process_type: origin.processType,
    instance_index: origin.instanceIndex,
  };
}

export interface ObservedRunOptions extends SuperviseOptions {
  /**
   * --status; `required: false` for exec's default socket: a failure to listen there tries the
   * fallback (a socket in a private dir of user `uid`), and a failure there is only logged
   */
  status: {
    address: StatusAddress;
    required: boolean;
    fallback?: { address: StatusAddress; uid: number };
    /** what listens, for a supervisor that finds the socket taken: `sidecars exec` */
    by?: string;
    /** the live report page, served as GET / when the address is TCP */
    page?: LivePage;
  } | null;
  /**
   * --artifacts DIR (or, with an upload, a dir in TMPDIR), what the run was started from, and the
   * bound of each log (null: whole logs)
   */
  artifacts: { dir: string; source: RunSource; logTailBytes: number | null } | null;
  /** where the records go in the store; needs `artifacts` */
  upload: UploadRequest | null;
  /**
   * masks the secrets in what the supervisor writes: records, state API answers, the summary (the
   * log lines: the logger's own, createLogger's `censor`)
   */
  censor?: Censor;
}

export async function runObserved(opts: ObservedRunOptions): Promise<RunOutcome> {
  const { logger } = opts;
  const censor = opts.censor ?? NO_CENSOR;
  const server = opts.status !== null ? await openStatus(opts.status, logger, censor) : null;
  let recorder: RunRecorder | null = null;
  let upload: StartedUpload | null = null;
  let unsubscribe = (): void => undefined;
  try {
    const bus = opts.bus ?? createEventBus();
    if (opts.artifacts !== null) {
      const { dir, source, logTailBytes } = opts.artifacts;
      const { upload: request } = opts;
      const run = request === null ? undefined : toRunIdentity(request);
      recorder = await startRecords(dir, { ...source, ...(run === undefined ? {} : { run }) }, opts.specs, {
        nowMs: Date.now(),
        logTailBytes,
        censor,
        memoryPollMs: opts.memoryIntervalMs,
      });
      const { story } = recorder;
      unsubscribe = bus.on((event) => story.event(event));
      if (request !== null) {
        // loaded only when records go to a store
        const { startUpload } = await import('../records/start-upload.js');
        upload = startUpload(request, { dir, recorder, bus, logger });
      }
    }
    const supervised = await supervise({
      ...opts,
      bus,
      specs: recorder?.specs ?? opts.specs,
      ...(recorder === null ? {} : { onMemorySample: recorder.story.sample }),
      extraPolicies: [
        ...(opts.extraPolicies ?? []),
        ...(server !== null ? [server.policy] : []),
        ...(upload !== null ? [upload.upload.policy] : []),
      ],
    });
    // its summary may quote what a process said (a failing health check's output)
    const outcome = { ...supervised, summary: censor.text(supervised.summary) };
    // every process is gone by now; the last upload takes whatever was written, even after a failure
    const failures: unknown[] = [];
    await recorder?.finish(outcome, Date.now()).catch((error: unknown) => failures.push(error));
    const finishing = upload;
    upload = null;
    await finishing?.finish().catch((error: unknown) => failures.push(error));
    // what the last upload said (a failure) stays in the local events.jsonl
    unsubscribe();
    await recorder?.story.close();
    for (const error of failures) {
      logger.error(
        { event: 'records.write_failed', error: (error as Error).message },
        `could not write the run records: ${(error as Error).message}`,
      );
    }
    // lost records never let the run pass
    return failures.length > 0 && outcome.exitCode === 0 ? { ...outcome, exitCode: 1 } : outcome;
  } finally {
    unsubscribe();
    await recorder?.story.close();
    upload?.stop(); // supervision threw: no uploader child outlives it
    await server?.close();
  }
}

/**
 * The state API on its address. Required (--status): any failure is the user's to fix, before
 * anything starts. Not required (exec's default socket): never stops the run; when another live
 * supervisor holds a socket path, tries `<name>.<pid>.sock` beside it; then the fallback, then logs
 * `status.unavailable` and goes on without the API.
 */
async function openStatus(
  status: NonNullable<ObservedRunOptions['status']>,
  logger: Logger,
  censor: Censor,
): Promise<StatusServer | null> {
  const reasons: string[] = [];
  const by = status.by ?? 'a sidecars supervisor';
  const tries: Array<{ address: StatusAddress; listenOpts: ListenOptions }> = [
    { address: status.address, listenOpts: { privateDirOf: null, by } },
    ...(status.fallback === undefined
      ? []
      : [{ address: status.fallback.address, listenOpts: { privateDirOf: status.fallback.uid, by } }]),
  ];
  for (let i = 0; i < tries.length; i++) {
    const { address, listenOpts } = tries[i] as (typeof tries)[number];
    try {
      const page = address.kind === 'tcp' ? (status.page ?? null) : null;
      const server = await startStatusServer(address, Date.now, listenOpts, censor, page);
      const insteadOf =
        reasons.length > 0 ? { instead_of: toAddressText(status.address), cause: reasons[0] } : {};
      const pageUrl = page === null ? null : `http://${server.address}/`;
      logger.info(
        {
          event: 'status.listening',
          address: server.address,
          ...(pageUrl === null ? {} : { page: pageUrl }),
          ...insteadOf,
        },
        `${pageUrl === null ? 'state API on' : `live report page: ${pageUrl} (state API on`} ${server.address}${pageUrl === null ? '' : ')'}${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}`,
      );
      return server;
    } catch (error) {
      const failure =
        error instanceof SidecarError
          ? error
          : new SidecarError('usage', `cannot listen on ${toAddressText(address)}: ${toErrnoText(error)}`);
      if (status.required) throw failure;
      reasons.push(failure.message);
      // another live supervisor holds this path (the same entry, the same TMPDIR): one beside it
      if (
        failure instanceof SocketHeldError &&
        address.kind === 'unix' &&
        toSocketSuffixPid(address.path) === null
      ) {
        tries.splice(i + 1, 0, { address: toSuffixedSocket(address, process.pid), listenOpts });
      }
    }
  }
  logger.warn(
    { event: 'status.unavailable', address: toAddressText(status.address), cause: reasons.join('; ') },
    `no state API: ${reasons.join('; ')}`,
  );
  return null;
}
