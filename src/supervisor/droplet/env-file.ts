// `sidecars run --env-from FILE`: variables for the instance from a file, so that secrets stay off
// the command line (where `ps` shows them). The format is the common subset of docker's and
// dotenv's: KEY=VALUE lines, blank lines and `#` comment lines ignored, an optional `export `,
// a value optionally in '…' (literal) or "…" (\" \\ \n unescaped). A problem names FILE:LINE and
// what is wrong, never the line's text: it may hold a secret. (Not `--env-file`: Node.js reads an
// argument of that name itself, even after the script's name, and fails on a missing file.)
import { SidecarError } from '../../common/errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXPORT = /^export\s+/;
const DOUBLE_QUOTED_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n' };

/** A variable name as the shell takes it: letters, digits and _, not starting with a digit. */
export function isEnvName(name: string): boolean {
  return NAME.test(name);
}

type LineResult =
  { kind: 'blank' } | { kind: 'pair'; key: string; value: string } | { kind: 'error'; what: string };

/** '…' → its content as written; null when it does not close on this line. */
function readSingleQuoted(text: string): { value: string; rest: string } | null {
  const close = text.indexOf("'", 1);
  return close < 0 ? null : { value: text.slice(1, close), rest: text.slice(close + 1) };
}

/** "…" → its content with \" \\ \n unescaped; null when it does not close on this line. */
function readDoubleQuoted(text: string): { value: string; rest: string } | null {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') return { value, rest: text.slice(i + 1) };
    const escaped = char === '\\' ? DOUBLE_QUOTED_ESCAPES[text[i + 1] ?? ''] : undefined;
    if (escaped !== undefined) {
      value += escaped;
      i += 1;
    } else value += char;
  }
  return null;
}

function readValue(raw: string): { value: string } | { what: string } {
  const text = raw.trim();
  const quote = text[0];
  if (quote !== "'" && quote !== '"') return { value: text };
  const quoted = quote === "'" ? readSingleQuoted(text) : readDoubleQuoted(text);
  if (quoted === null) return { what: `the value opens with ${quote} but does not close it on this line` };
  const rest = quoted.rest.trim();
  if (rest !== '' && !rest.startsWith('#')) return { what: `the value has text after its closing ${quote}` };
  return { value: quoted.value };
}

function parseLine(line: string): LineResult {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'blank' };
  const pair = text.replace(EXPORT, '');
  const eq = pair.indexOf('=');
  if (eq < 0) return { kind: 'error', what: 'no "=": write KEY=VALUE' };
  const key = pair.slice(0, eq).trim();
  if (!isEnvName(key)) {
    return {
      kind: 'error',
      what: 'the name before "=" is not a variable name (letters, digits and _, not starting with a digit)',
    };
  }
  const value = readValue(pair.slice(eq + 1));
  return 'what' in value ? { kind: 'error', what: value.what } : { kind: 'pair', key, value: value.value };
}

/** An env file's variables, in order (a later line wins); every malformed line in one error. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const result = parseLine(line);
    if (result.kind === 'pair') env[result.key] = result.value;
    else if (result.kind === 'error') problems.push(`${file}:${index + 1}: ${result.what}`);
  });
  if (problems.length > 0) {
    throw new SidecarError(
      'usage',
      problems.join('\n'),
      'Write one KEY=VALUE per line (optionally `export KEY=VALUE`, the value in \'…\' or "…"); lines starting with # are comments.',
    );
  }
  return env;
}
