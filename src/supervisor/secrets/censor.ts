// Masks secrets, as Prow's censoring does: every secret value (secret-values.ts says which), in the
// forms it may be written in (as is, trimmed, base64, JSON-escaped, percent-encoded), becomes as
// many `X`s. One censor per run serves everything the supervisor writes: its log lines, events,
// records (the logs as they are written, started.json, finished.json), the state API and its
// summary; and the uploader, for records it did not write.
import { readFileSync } from 'node:fs';

import { createCensorStream, type CensorStream } from './censor-stream.js';
import { collectSecretValues } from './secret-values.js';
import { createSecretMatcher, MIN_SECRET_BYTES, type SecretMatcher } from './secret-matcher.js';

/** Shorter values (a port, `on`) would mask ordinary text and hide nothing worth hiding. */
export const MIN_SECRET_LENGTH = MIN_SECRET_BYTES;
const MASK = 0x58; // 'X'
const NOT_SECRETS = new Set(['true', 'false', 'null', 'none', 'undefined']);
/**
 * JSON fields that hold names the config or the supervisor chose (a process, the app, an event, a
 * state), never a value a process was given: they are left as they are, because the supervisor
 * reads them back (`run` its nested execs' cause, `sidecars upload` the run's identity), and a
 * credential spelt like one (a database named like the app) must not rename them.
 */
const IDENTIFIER_KEYS = new Set([
  'name',
  'proc',
  'process',
  'entry',
  'app',
  'id',
  'process_type',
  'type',
  'event',
  'level',
  'state',
  'mode',
  'result',
  'signal',
  'health',
  'time',
]);
/** A line of a multi-line secret (a PEM key) is masked on its own from this length. */
const MIN_LINE_LENGTH = 16;

export interface Censor {
  /** the secrets, in every form; empty: nothing to mask */
  readonly secrets: readonly Buffer[];
  /** `text` with every secret in it masked */
  text(text: string): string;
  /**
   * a copy of `value` with every string in it masked (numbers, keys, structure and the names in
   * IDENTIFIER_KEYS as they are)
   */
  value<T>(value: T): T;
  /**
   * masks `bytes` in place: every secret, and with `edges`, a piece of one that the start or the
   * end cut (a log's tail that began inside one; one still being written)
   */
  bytes(bytes: Buffer, edges?: { start: boolean; end: boolean }): Buffer;
  /** a writer that masks what goes through it, a secret split across writes included */
  stream(write: (bytes: Buffer) => void): CensorStream;
  /**
   * adds the secrets of these environments (`run`: a command's as its launcher reported it, after
   * the droplet's profile.d scripts); everything written from then on masks them too
   */
  learn(envs: ReadonlyArray<Readonly<Record<string, string | undefined>>>): void;
}

/** Each value as it may be written: as is, trimmed, base64, JSON-escaped, percent-encoded. */
export function toSecretForms(values: Iterable<string>): Buffer[] {
  const isSecretForm = (form: string): boolean =>
    form.length >= MIN_SECRET_LENGTH && !NOT_SECRETS.has(form.toLowerCase());
  const forms = new Set<string>();
  for (const value of values) {
    // a multi-line value (a PEM key) also line by line: a process may print one line of it
    const lines = value.includes('\n') ? value.split(/\r?\n/).map((line) => line.trim()) : [];
    for (const form of [value, value.trim(), ...lines.filter((line) => line.length >= MIN_LINE_LENGTH)]) {
      if (!isSecretForm(form)) continue;
      forms.add(form);
      forms.add(Buffer.from(form).toString('base64'));
      forms.add(JSON.stringify(form).slice(1, -1));
      forms.add(encodeURIComponent(form));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length).map((form) => Buffer.from(form));
}

function maskBytes(matcher: SecretMatcher, bytes: Buffer, edges: { start: boolean; end: boolean }): Buffer {
  for (const [start, end] of matcher.find(bytes)) bytes.fill(MASK, start, end);
  if (edges.start) bytes.fill(MASK, 0, matcher.cutAtStart(bytes));
  if (edges.end) {
    const pending = matcher.pendingAtEnd(bytes, 3);
    if (pending > 0) bytes.fill(MASK, bytes.length - pending);
  }
  return bytes;
}

type Env = Readonly<Record<string, string | undefined>>;

const readUtf8 = (file: string): string => readFileSync(file, 'utf8');

/**
 * A censor of these secret forms; `learn` adds those of more environments (VCAP_SERVICES_FILE_PATH's
 * file read with `readFile` when VCAP_SERVICES is not set).
 */
export function createCensor(
  forms: readonly Buffer[],
  readFile: (file: string) => string = readUtf8,
): Censor {
  const known = new Set(forms.map((form) => form.toString()));
  let matcher = createSecretMatcher(forms);
  const text = (input: string): string => {
    if (matcher.secrets.length === 0 || input.length < MIN_SECRET_LENGTH) return input;
    const bytes = Buffer.from(input);
    const ranges = matcher.find(bytes);
    if (ranges.length === 0) return input;
    for (const [start, end] of ranges) bytes.fill(MASK, start, end);
    return bytes.toString();
  };
  const value = <T>(input: T, key = ''): T => {
    if (matcher.secrets.length === 0) return input;
    if (typeof input === 'string') return IDENTIFIER_KEYS.has(key) ? input : (text(input) as T);
    if (Array.isArray(input)) return (input as unknown[]).map((item) => value(item)) as T;
    if (typeof input === 'object' && input !== null) {
      return Object.fromEntries(Object.entries(input).map(([name, item]) => [name, value(item, name)])) as T;
    }
    return input;
  };
  return {
    get secrets() {
      return matcher.secrets;
    },
    text,
    value,
    bytes: (bytes, edges = { start: false, end: false }) =>
      matcher.secrets.length === 0 ? bytes : maskBytes(matcher, bytes, edges),
    stream: (write) =>
      createCensorStream(
        () => matcher,
        write,
        (bytes) => maskBytes(matcher, bytes, END),
      ),
    learn(envs) {
      const before = known.size;
      for (const form of toSecretForms(collectSecretValues(envs, readFile))) known.add(form.toString());
      if (known.size !== before) matcher = createSecretMatcher([...known].map((form) => Buffer.from(form)));
    },
  };
}

const END = { start: false, end: true };

/** No secrets, and none to learn: everything passes as it is. */
export const NO_CENSOR: Censor = Object.freeze({ ...createCensor([]), learn: () => undefined });

/**
 * The censor of a run: the secrets of every environment given (the supervisor's own and each
 * process's), VCAP_SERVICES_FILE_PATH's file read when VCAP_SERVICES is not set.
 */
export function readCensor(envs: readonly Env[]): Censor {
  const censor = createCensor([]);
  censor.learn(envs);
  return censor;
}

/**
 * A record's body as it goes to the store: JSON string by string (it stays JSON, its numbers as
 * they are), any other text byte by byte, with a piece of a secret cut by either edge (a log tail).
 */
export function toCensoredBody(censor: Censor, body: Buffer, contentType: string): Buffer {
  if (censor.secrets.length === 0) return body;
  if (contentType.startsWith('application/json')) {
    const text = body.toString('utf8');
    if (censor.text(text) === text) return body;
    try {
      return Buffer.from(`${JSON.stringify(censor.value(JSON.parse(text)), null, 2)}\n`);
    } catch {
      // not JSON after all: masked as text
    }
  }
  return censor.bytes(body, { start: true, end: true });
}
