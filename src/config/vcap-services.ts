// VCAP_SERVICES as the platform gives it: the variable, or (newer platforms) the file that
// VCAP_SERVICES_FILE_PATH names. Read at staging (bin/supply) and at run time alike.
import { readFileSync } from 'node:fs';

import { type Binding, parseVcapServices } from './store-binding.js';

/** The bindings of VCAP_SERVICES or VCAP_SERVICES_FILE_PATH; none when neither is set. */
export function readBindings(
  env: Readonly<Record<string, string | undefined>>,
): { ok: false; reason: string; hint: string } | Binding[] {
  let text = env['VCAP_SERVICES'];
  const file = env['VCAP_SERVICES_FILE_PATH'];
  if ((text === undefined || text === '') && file !== undefined && file !== '') {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return {
        ok: false,
        reason: `cannot read VCAP_SERVICES_FILE_PATH ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        hint: 'The platform writes that file; check the path.',
      };
    }
  }
  if (text === undefined || text === '') return [];
  const parsed = parseVcapServices(text);
  return parsed.ok ? parsed.value : { ok: false, reason: parsed.reason, hint: parsed.hint };
}
