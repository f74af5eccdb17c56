import { lstat } from 'node:fs/promises';

import { type ConfigIssue, isError } from '../config/issues.js';
import { readConfigFile } from '../config/parse-file.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';
import { validateSidecarsData } from '../config/validate.js';

import { checkRules, type RuleInputs } from './rules.js';

export type Declaration =
  | { status: 'absent' }
  | { status: 'empty'; issues: ConfigIssue[] }
  | { status: 'invalid'; issues: ConfigIssue[] }
  | { status: 'valid'; file: SidecarsFile; issues: ConfigIssue[] };

/**
 * Reads, parses and validates a sidecars.yml, then applies the cross-checks: the whole staging
 * validation, shared by bin/supply and `sidecars validate`. Issues come back sorted by line.
 */
export async function readDeclaration(
  filePath: string,
  rootDir: string | undefined,
  inputs: Omit<RuleInputs, 'lineOf'>,
): Promise<Declaration> {
  if (
    !(await lstat(filePath).then(
      () => true,
      () => false,
    ))
  )
    return { status: 'absent' };
  const parsed = await readConfigFile(filePath, inputs.file, rootDir);
  if (!parsed.ok) return { status: 'invalid', issues: parsed.issues };
  if (parsed.empty) {
    return {
      status: 'empty',
      issues: [
        {
          code: 'config_empty',
          severity: 'warning',
          file: inputs.file,
          path: [],
          message: 'is empty: no sidecars are declared',
          hint: 'Declare sidecars under "sidecars:", or delete the file.',
        },
      ],
    };
  }
  const validation = validateSidecarsData(parsed.data, inputs.file, parsed.lines);
  if (!validation.ok) return { status: 'invalid', issues: validation.issues };
  const issues = checkRules(validation.file, { ...inputs, lineOf: (path) => parsed.lines.lineOf(path) });
  // sidecars.yml's issues first, then the Procfile's, each in line order
  issues.sort(
    (a, b) =>
      Number(a.file !== inputs.file) - Number(b.file !== inputs.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  if (issues.some(isError)) return { status: 'invalid', issues };
  return { status: 'valid', file: validation.file, issues };
}
