// How a supervising command (`exec`, `run`) ends once its exit code is decided: every process it
// ran is gone, its records are written and its state API closed by then (the command's main
// awaited all of that). What is left in the event loop is handles closing (the children's pipes
// and process handles, the API's socket), nothing that carries data: waiting for Node.js to
// drain them before exiting added 0.3–3 ms between a command's death and the supervisor's exit
// (npm run bench: death, death-solo). Anything that may still carry data (a write or an fs
// request in flight, output buffered in stdout or stderr, a timer or an immediate still due)
// keeps today's way: exit once the loop has drained.
import { debuglog } from 'node:util';

/** NODE_DEBUG=sidecars: whether the exit came at once, and if not, what the loop still held */
const debug = debuglog('sidecars');

/**
 * The kinds of resource (process.getActiveResourcesInfo()) that hold no data of ours: stream and
 * process handles, open or closing, and the signal handles of the held stop signals. Requests
 * (FSReqCallback, WriteWrap, ShutdownWrap, …), timers and immediates are not among them.
 */
const HANDLES_ONLY: ReadonlySet<string> = new Set([
  'PipeWrap',
  'TTYWrap',
  'TCPWrap',
  'ProcessWrap',
  'SignalWrap',
  'PipeServerWrap',
  'TCPServerWrap',
]);

/** Whether nothing in the event loop still carries data: exiting now loses nothing. */
export function isSettled(resources: readonly string[], bufferedOutputBytes: number): boolean {
  return bufferedOutputBytes === 0 && resources.every((name) => HANDLES_ONLY.has(name));
}

/**
 * Ends the process with `code`: at once when the loop holds nothing that carries data, else once
 * it has drained (beforeExit). Looked at on the next turn of the loop, not now: an fs request
 * whose callback resolved the last await (the records' fsync) is still listed until that callback
 * has returned. Either way through process.exit, so that every 'exit' listener runs: the
 * last-resort kills (killOnExit, the escape sweep, a running health check, an uploader), the
 * claims' release.
 */
export function exitWhenSettled(code: number): void {
  process.exitCode = code;
  // Once the event loop has drained (every write flushed, every socket closed), exit there and
  // then: Node.js's teardown of a finished environment, freeing its heap piece by piece, would
  // add ~2.5 ms between a command's death and the platform seeing the supervisor's (npm run bench).
  process.once('beforeExit', () => process.exit(code));
  setImmediate(() => {
    const resources = process.getActiveResourcesInfo();
    const buffered = process.stdout.writableLength + process.stderr.writableLength;
    if (isSettled(resources, buffered)) {
      debug('exit %d at once', code);
      process.exit(code);
    }
    debug(
      'exit %d once the event loop drains: %s; %d bytes of output buffered',
      code,
      resources.join(', '),
      buffered,
    );
  });
}
