import yaml from 'js-yaml';

import type { ConfigIssue } from './issues.js';

const SYNTAX_HINT =
  'Fix the YAML syntax at that line (indent with spaces, quote values that contain ": " or start with special characters).';

/**
 * A js-yaml exception → one issue with the most useful position: the mark where js-yaml has one,
 * the line where the unfinished node began when it stopped at the end of the file, the second
 * document's "---" when there are several.
 */
export function toYamlIssue(
  error: InstanceType<typeof yaml.YAMLException>,
  file: string,
  text: string,
  openLine: number | undefined,
): ConfigIssue {
  const issue = (message: string, hint: string, line?: number, column?: number): ConfigIssue => ({
    code: 'yaml_syntax',
    severity: 'error',
    file,
    path: [],
    message,
    hint,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  });
  const reason = error.reason;
  const mark = error.mark as { line: number; column: number; position: number } | undefined;
  if (reason.startsWith('expected a single document')) {
    return issue(
      `is not valid YAML: ${reason}`,
      'Keep one YAML document: remove the "---" line and everything after it.',
      findSecondDocumentLine(text),
    );
  }
  if (mark === undefined) return issue(`is not valid YAML: ${reason}`, SYNTAX_HINT);
  if (reason.startsWith('nesting exceeded maxDepth')) {
    return {
      ...issue(
        'nests too deeply to read',
        'A sidecars.yml is at most a few levels deep.',
        mark.line + 1,
        mark.column + 1,
      ),
      code: 'yaml_too_deep',
    };
  }
  if (reason.startsWith('duplicated mapping key')) {
    const key = readKeyAt(text, mark.position);
    return issue(
      `is not valid YAML: ${key === undefined ? 'a key' : JSON.stringify(key)} appears twice in the same mapping`,
      `Keep one ${key === undefined ? 'such' : `"${key}:"`} line in this mapping.`,
      mark.line + 1,
      mark.column + 1,
    );
  }
  if (reason.includes('end of the stream') && openLine !== undefined && mark.position >= text.length) {
    return issue(
      `is not valid YAML: ${reason}`,
      'Close the quote or bracket that opens on this line.',
      openLine,
    );
  }
  return issue(`is not valid YAML: ${reason}`, SYNTAX_HINT, mark.line + 1, mark.column + 1);
}

function findSecondDocumentLine(text: string): number | undefined {
  const lines = text.split('\n');
  let seenContent = false;
  for (const [index, line] of lines.entries()) {
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      if (seenContent) return index + 1;
      continue;
    }
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) seenContent = true;
  }
  return undefined;
}

/** The mapping key that starts at `position` (js-yaml marks a duplicate key at its start). */
function readKeyAt(text: string, position: number): string | undefined {
  const rest = text.slice(position, position + 300);
  const match = /^\s*["']?([^"':\n]+)["']?\s*:/.exec(rest);
  return match?.[1]?.trim();
}
