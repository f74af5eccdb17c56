// A command's argv: parsed with node:util's parseArgs, a rejected flag reported as usage (exit 1),
// --help printed (exit 0). The commands then go on with their values, or return the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { printUsageError } from './supervise-flags.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: T }>
>;

/** The parsed argv, or the exit code when there is nothing more to do (a usage error, --help). */
export function parseCommandArgs<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  help: string,
): Parsed<T> | number {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    printUsageError(command, error);
    return 1;
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    console.log(help);
    return 0;
  }
  return parsed;
}
