// `sidecars run --detach [--wait[=SECONDS]] [--keep]`: the flags, and the argv of the run it
// starts in the background. Pure.
import { SidecarError } from '../common/errors.js';

export const DEFAULT_DETACH_WAIT_S = 60;

export const DETACH_OPTIONS = {
  detach: { type: 'boolean' },
  wait: { type: 'string' },
  keep: { type: 'boolean' },
} as const;

export const DETACH_HELP = `  --detach                  start the run in the background (its own session, stdin
                            /dev/null, output to run.out in the records dir) and return;
                            records dir: --artifacts DIR, else DROPLET_DIR/tmp/run-records/
  --wait[=SECONDS]          with --detach: return once the main process and every sidecar
                            (nested ones too) are healthy; exit 1 naming each one that is
                            not within SECONDS (default ${DEFAULT_DETACH_WAIT_S}), and stop the run
  --keep                    with --wait: leave the run running when it is not healthy in time`;

export interface DetachRequest {
  /** null: return as soon as the run started */
  waitS: number | null;
  keep: boolean;
}

/** A bare `--wait` takes no value: `--wait=` for parseArgs, which then never eats the next argument. */
export function toParsableArgv(argv: readonly string[]): string[] {
  return argv.map((arg) => (arg === '--wait' ? '--wait=' : arg));
}

/** The detach request of run's flags; null when the run stays in the foreground. */
export function toDetachRequest(values: {
  detach?: boolean | undefined;
  wait?: string | undefined;
  keep?: boolean | undefined;
}): DetachRequest | null {
  if (values.detach !== true) {
    if (values.wait !== undefined) throw new SidecarError('usage', '--wait needs --detach');
    if (values.keep === true) throw new SidecarError('usage', '--keep needs --detach --wait');
    return null;
  }
  if (values.keep === true && values.wait === undefined) {
    throw new SidecarError('usage', '--keep needs --wait: without it, run --detach never stops the run');
  }
  if (values.wait === undefined) return { waitS: null, keep: false };
  const waitS = values.wait === '' ? DEFAULT_DETACH_WAIT_S : Number(values.wait);
  if (!Number.isFinite(waitS) || waitS <= 0) {
    throw new SidecarError(
      'usage',
      `--wait=${values.wait}: not a positive number of seconds`,
      'Write --wait or --wait=120.',
    );
  }
  return { waitS, keep: values.keep === true };
}

const DETACH_FLAGS = new Set(['--detach', '--keep', '--wait']);

/** run's argv for the run in the background: without the detach flags, plus `extra`. */
export function toBackgroundArgv(argv: readonly string[], extra: readonly string[]): string[] {
  const kept = argv.filter((arg) => !DETACH_FLAGS.has(arg) && !arg.startsWith('--wait='));
  return [...kept, ...extra];
}
