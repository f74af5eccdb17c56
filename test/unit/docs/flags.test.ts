import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { COMMANDS } from '../../../src/cli/commands.js';
import { toHelpFlags, toListedFlags, toSection } from '../../helpers/markdown.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const COMMANDS_DOC = 'docs/commands.md';
/** Every command takes it; docs/commands.md says so once, at the top. */
const HELP_FLAG = '--help';

test('help and doc flags are read from option lines and list items only', () => {
  const help = [
    'Usage: x [--a N]',
    '  1. waits (else --for; …)',
    'Options:',
    '  --grace-ms N    the grace period',
    '  -o, --out DIR   where',
    '                  not --env-file',
    '  NAME            a positional',
    '  -h, --help      show this help',
  ].join('\n');
  assert.deepEqual(toHelpFlags(help), ['--grace-ms', '--out', '--help']);
  const doc = [
    '- `--grace-ms N`: the grace period',
    '- `-o, --out DIR`: where',
    '- `NAME`: one',
    'See `--x`.',
  ];
  assert.deepEqual(toListedFlags(doc.join('\n')), ['--grace-ms', '--out']);
});

test("every flag a command's --help shows is in its section of docs/commands.md, and no other", async () => {
  const doc = readFileSync(path.join(REPO_ROOT, COMMANDS_DOC), 'utf8');
  const problems: string[] = [];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const heading = `## \`sidecars ${name}\``;
    const section = toSection(doc, heading);
    if (section === undefined) {
      problems.push(`${COMMANDS_DOC} has no section ${heading}`);
      continue;
    }
    const shown = new Set(toHelpFlags((await load()).HELP).filter((flag) => flag !== HELP_FLAG));
    const listed = new Set(toListedFlags(section));
    for (const flag of shown) {
      if (!listed.has(flag))
        problems.push(`sidecars ${name} --help shows ${flag}; ${COMMANDS_DOC} does not list it`);
    }
    for (const flag of listed) {
      if (!shown.has(flag))
        problems.push(`${COMMANDS_DOC} lists ${flag} for sidecars ${name}; its --help does not`);
    }
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('docs/commands.md documents no command that does not exist', () => {
  const doc = readFileSync(path.join(REPO_ROOT, COMMANDS_DOC), 'utf8');
  const documented = [...doc.matchAll(/^## `sidecars (\S+)`$/gm)].map((match) => match[1] ?? '');
  const unknown = documented.filter((name) => !(name in COMMANDS));
  assert.deepEqual(unknown, []);
  assert.deepEqual(documented.sort(), Object.keys(COMMANDS).sort());
});
