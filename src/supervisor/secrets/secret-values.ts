// Which values are secrets: what a process is given under a secret-looking name, every credential
// of the service bindings it is given (VCAP_SERVICES, or the file VCAP_SERVICES_FILE_PATH names),
// anything under a secret-looking key of a JSON value, and the password of every URL that has one
// (`postgres://user:PASSWORD@host`, `…?password=PASSWORD`), whatever the variable is called.

type Env = Readonly<Record<string, string | undefined>>;

/** Anywhere in the name: `DB_PASSWORD_2`, `CLIENTSECRET`, `X_API_KEY`, `AWS_ACCESS_KEY_ID`. */
const SECRET_PARTS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY/;
/** At the end of the name, joined or not: `…KEY`, `…TOKEN`, `GITHUBTOKEN`. */
const SECRET_ENDS = /(KEY|KEYS|TOKEN|TOKENS)$/;
/** A whole word anywhere: `SECRET_TOKEN_FILE`, `TOKEN_V2` (not `TOKENIZER_MODE`). */
const SECRET_WORDS = new Set(['TOKEN', 'TOKENS']);
/**
 * A last word after another: `DB_PASS`, `SMTP_PWD`, `BASIC_AUTH` (not `PWD` itself, the working
 * directory, nor `SSH_AUTH_SOCK`).
 */
const SECRET_LAST_WORDS = new Set(['PASS', 'PWD', 'AUTH', 'AUTHORIZATION']);

/** The name's words, upper case: `secretAccessKey` and `SECRET_ACCESS_KEY` → SECRET ACCESS KEY. */
function toWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * A name that says its value is secret (a variable, a JSON key, a URL query parameter): …KEY,
 * …TOKEN, …SECRET…, …PASSWORD…, …CREDENTIALS…, API keys, access keys, …_PASS, …_AUTH.
 */
export function isSecretName(name: string): boolean {
  const words = toWords(name);
  const joined = words.join('');
  const last = words.at(-1) ?? '';
  return (
    SECRET_PARTS.test(joined) ||
    SECRET_ENDS.test(joined) ||
    words.some((word) => SECRET_WORDS.has(word)) ||
    (words.length > 1 && SECRET_LAST_WORDS.has(last))
  );
}

/** `scheme://user:PASSWORD@host`: the password as written (percent-encoded or not). */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/gi;
/** `?password=VALUE` / `&api_key=VALUE` / `;password=VALUE` (JDBC) */
const QUERY_PARAM = /[?&;]([A-Za-z0-9_.-]+)=([^&\s;#"']+)/g;

function addDecoded(text: string, into: Set<string>): void {
  into.add(text);
  try {
    into.add(decodeURIComponent(text));
  } catch {
    // not percent-encoded after all
  }
}

/** The passwords of the URLs in `text`, and its secret-named query parameters. */
export function collectUrlSecrets(text: string, into: Set<string>): void {
  if (!text.includes('://') && !text.includes('=')) return;
  for (const match of text.matchAll(URL_PASSWORD)) addDecoded(match[1] ?? '', into);
  for (const match of text.matchAll(QUERY_PARAM))
    if (isSecretName(match[1] ?? '')) addDecoded(match[2] ?? '', into);
}

/**
 * Every value of a JSON document under a secret-looking key (a binding's `credentials`, at any
 * depth, and all below it), and every URL password anywhere in it.
 */
function collectJsonSecrets(value: unknown, secret: boolean, into: Set<string>): void {
  if (typeof value === 'string') {
    if (secret) into.add(value);
    collectUrlSecrets(value, into);
  } else if (typeof value === 'number') {
    if (secret) into.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectJsonSecrets(item, secret, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      collectJsonSecrets(item, secret || isSecretName(key), into);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A value that may be JSON (`{…}` / `[…]`): its secrets too (VCAP_SERVICES is one). */
function collectValueSecrets(name: string, value: string, into: Set<string>): void {
  const secret = isSecretName(name);
  if (secret) into.add(value);
  const start = value.trimStart()[0];
  const doc = start === '{' || start === '[' ? parseJson(value) : undefined;
  if (doc !== undefined) collectJsonSecrets(doc, secret, into);
  else collectUrlSecrets(value, into);
}

/**
 * The secret values of every environment given (the supervisor's own, each process's): each
 * variable as its name says, and what a JSON or URL value holds. VCAP_SERVICES_FILE_PATH's file is
 * read with `readFile` when VCAP_SERVICES is not set (a file that cannot be read holds none).
 */
export function collectSecretValues(envs: readonly Env[], readFile: (file: string) => string): string[] {
  const values = new Set<string>();
  const files = new Set<string>();
  for (const env of envs) {
    for (const [name, value] of Object.entries(env))
      if (value !== undefined) collectValueSecrets(name, value, values);
    const file = env['VCAP_SERVICES_FILE_PATH'];
    if ((env['VCAP_SERVICES'] ?? '') === '' && file !== undefined && file !== '') files.add(file);
  }
  for (const file of files) {
    try {
      collectValueSecrets('VCAP_SERVICES', readFile(file), values);
    } catch {
      // unreadable: the store resolution says so where it matters
    }
  }
  return [...values];
}
