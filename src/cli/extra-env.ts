// `sidecars run --env` and `--env-from`: the variables added to every command of the instance.
import { SidecarError } from '../common/errors.js';
import { readTextFile } from '../common/fs.js';
import { isEnvName, parseEnvFile } from '../supervisor/droplet/env-file.js';

/**
 * The variables added to every command: each --env-from file in order, then each --env in order (a
 * later one wins). `--env KEY` takes KEY's value from our own environment, off the command line.
 * No message here ever holds a value.
 */
export async function toExtraEnv(
  files: readonly string[],
  flags: readonly string[],
  callerEnv: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const file of files) Object.assign(env, parseEnvFile(await readEnvFile(file), file));
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq < 0 ? flag : flag.slice(0, eq);
    if (!isEnvName(key)) {
      throw new SidecarError(
        'usage',
        `--env takes KEY or KEY=VALUE; the name${eq < 0 ? '' : ' before "="'} is not a variable name`,
        'A name has letters, digits and _, and does not start with a digit.',
      );
    }
    const value = eq < 0 ? callerEnv[key] : flag.slice(eq + 1);
    if (value === undefined) {
      throw new SidecarError(
        'usage',
        `--env ${key}: ${key} is not set in this environment`,
        `Set it first (export ${key}=…), put it in an --env-from file, or pass --env ${key}=VALUE.`,
      );
    }
    env[key] = value;
  }
  return env;
}

async function readEnvFile(file: string): Promise<string> {
  try {
    return await readTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SidecarError(
      'usage',
      `--env-from ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`,
    );
  }
}
