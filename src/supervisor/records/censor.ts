// Masks secrets in the logs that leave the container, as Prow's censoring does: every secret value,
// and its trimmed and base64 forms, becomes as many `X`s. Logs are censored as whole files (a tail
// of at most a few MiB), so a secret written in two pieces is whole again; only the file's edges can
// cut one, and a piece of a secret there is masked too.
import type { Binding } from '../../config/store-binding.js';

/** Shorter values (a port, `on`) would mask ordinary text and hide nothing worth hiding. */
export const MIN_SECRET_LENGTH = 4;
/** A secret cut by a file's edge is masked when at least this much of it is there. */
const MIN_PIECE_LENGTH = 3;
const MASK = 0x58; // 'X'
const NOT_SECRETS = new Set(['true', 'false', 'null', 'none', 'undefined']);

/** Variables whose name says they hold a secret: …KEY, …SECRET, …TOKEN, …PASSWORD, and the AWS key id. */
export function isSecretName(name: string): boolean {
  return /(KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIALS?)$/i.test(name) || /^AWS_ACCESS_KEY_ID$/i.test(name);
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectStrings(item, into);
}

/**
 * Every value to mask: the environment's secret-named variables and every credential of every
 * binding, each also trimmed and base64-encoded; longest first, so a longer secret that holds a
 * shorter one is masked whole.
 */
export function collectSecrets(
  env: Readonly<Record<string, string | undefined>>,
  bindings: readonly Binding[],
): Buffer[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && isSecretName(name)) values.push(value);
  for (const binding of bindings) collectStrings(binding.credentials, values);
  const forms = new Set<string>();
  for (const value of values) {
    for (const form of [value, value.trim()]) {
      if (form.length < MIN_SECRET_LENGTH || NOT_SECRETS.has(form.toLowerCase())) continue;
      forms.add(form);
      forms.add(Buffer.from(form).toString('base64'));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length).map((form) => Buffer.from(form));
}

/**
 * Masks in place every whole secret in `bytes`, and a piece of one that the edges cut: a secret's
 * end at the start (the tail began inside it), a secret's start at the end (it is still being written).
 */
export function censor(bytes: Buffer, secrets: readonly Buffer[]): Buffer {
  for (const secret of secrets) {
    for (let at = bytes.indexOf(secret); at >= 0; at = bytes.indexOf(secret, at + secret.length)) {
      bytes.fill(MASK, at, at + secret.length);
    }
    for (let k = Math.min(secret.length - 1, bytes.length); k >= MIN_PIECE_LENGTH; k--) {
      if (bytes.subarray(0, k).equals(secret.subarray(secret.length - k))) {
        bytes.fill(MASK, 0, k);
        break;
      }
    }
    for (let k = Math.min(secret.length - 1, bytes.length); k >= MIN_PIECE_LENGTH; k--) {
      if (bytes.subarray(bytes.length - k).equals(secret.subarray(0, k))) {
        bytes.fill(MASK, bytes.length - k);
        break;
      }
    }
  }
  return bytes;
}
