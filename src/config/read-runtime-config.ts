import { type RuntimeConfig, RuntimeConfigSchema } from './runtime-config.js';
import { SidecarError } from '../common/errors.js';
import { readTextFile } from '../common/fs.js';

/** Reads and validates the runtime config bin/supply wrote. */
export async function readRuntimeConfig(file: string): Promise<RuntimeConfig> {
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (error) {
    throw new SidecarError(
      'config_unreadable',
      `cannot read ${file}`,
      'Stage the app again with this buildpack.',
      {
        cause: error,
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SidecarError(
      'config_invalid',
      `${file} is not JSON`,
      'Stage the app again with this buildpack.',
      {
        cause: error,
      },
    );
  }
  const parsed = RuntimeConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : ` at ${first.path.join('.') || '(root)'}: ${first.message}`;
    throw new SidecarError(
      'config_invalid',
      `${file} is not a runtime config this supervisor understands${where}`,
      'Stage the app again with the same buildpack version that runs it.',
    );
  }
  return parsed.data;
}
