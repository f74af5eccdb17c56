// Which stacks this buildpack stages on: the zip's own `stack` (a per-stack zip, as
// `cf create-buildpack` takes them), else every stack its Node.js runtime is built for (cf_stacks
// in manifest.yml). Staging checks CF_STACK against them before anything else.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { load } from 'js-yaml';

import { SidecarError } from '../common/errors.js';

/** Why a stack is not served, where there is a reason beyond "not built for it". */
const NOT_SERVED: Record<string, string> = {
  cflinuxfs3:
    'cflinuxfs3 (Ubuntu 18.04) has glibc 2.27, and the Node.js runtime the supervisor runs on needs glibc 2.28',
};

/** The stacks manifest.yml names: its `stack`, else the runtime's `cf_stacks`; [] when unreadable. */
export async function readSupportedStacks(buildpackDir: string): Promise<string[]> {
  let doc: unknown;
  try {
    doc = load(await readFile(path.join(buildpackDir, 'manifest.yml'), 'utf8'));
  } catch {
    return [];
  }
  const manifest = (typeof doc === 'object' && doc !== null ? doc : {}) as {
    stack?: unknown;
    dependencies?: Array<{ name?: unknown; cf_stacks?: unknown }>;
  };
  if (typeof manifest.stack === 'string' && manifest.stack !== '') return [manifest.stack];
  const runtime = manifest.dependencies?.find((d) => d.name === 'node');
  return Array.isArray(runtime?.cf_stacks)
    ? runtime.cf_stacks.filter((s): s is string => typeof s === 'string')
    : [];
}

/** Throws when CF_STACK is set and not served; an unset CF_STACK (a local test) passes. */
export function checkStack(stack: string | undefined, supported: readonly string[]): void {
  if (stack === undefined || stack === '' || supported.length === 0 || supported.includes(stack)) return;
  const why = NOT_SERVED[stack];
  throw new SidecarError(
    'usage',
    `this buildpack does not stage on ${stack}: it supports ${supported.join(' and ')}${why === undefined ? '' : `; ${why}`}`,
    why === undefined
      ? `Use this buildpack's zip for ${stack} (npm run package -- --stack ${stack}; cf create-buildpack … takes one zip per stack), or push on ${supported.join(' or ')}.`
      : `Push the app on ${supported.join(' or ')} (cf push -s ${supported.at(-1) ?? ''}).`,
  );
}
