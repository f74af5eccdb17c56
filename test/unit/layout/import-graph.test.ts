// The shape of src/: no import circle (type-only imports count too), every folder imports only what its
// README.md allows, and no file past the size one reads whole.
import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import ts from 'typescript';

import { REPO_ROOT } from '../../helpers/paths.js';

const SRC = path.join(REPO_ROOT, 'src');
const MAX_LINES = 250;

/** Every .ts file below dir, as paths relative to the checkout. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(REPO_ROOT, full)] : [];
  });
}

/** file → the files of src/ it imports or re-exports from (import type included), as the compiler reads them. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      const targets = ts
        .preProcessFile(text, true, true)
        .importedFiles.map((ref) => ref.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => path.join(path.dirname(file), name).replace(/\.js$/, '.ts'))
        .filter((target) => known.has(target));
      return [file, targets];
    }),
  );
}

/** Tarjan's strongly connected components of more than one file, or of one file that imports itself. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

test('no import circle in src/, type-only imports included', () => {
  const found = circles(importGraph(sourceFiles(SRC)));
  assert.deepEqual(
    found.map((files) => files.join(' ↔ ')),
    [],
    'each line is a circle: move the shared types into a module that imports neither side',
  );
});

test(`no file in src/ is over ${MAX_LINES} lines`, () => {
  const long = sourceFiles(SRC)
    .map((file) => ({ file, lines: readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  assert.deepEqual(long, [], 'split these by responsibility');
});

/** A folder of src/ as its README.md names it: `supervisor/core`. */
function toFolder(file: string): string {
  return path
    .relative(SRC, path.dirname(path.join(REPO_ROOT, file)))
    .split(path.sep)
    .join('/');
}

/** The folders a folder's README.md allows it to import (`May import: a, b` or `May import: nothing`). */
function readAllowed(folder: string): string[] | string {
  const readme = path.join(SRC, folder, 'README.md');
  if (!existsSync(readme)) return `src/${folder}/README.md is missing`;
  const line = /^May import: (.+)$/m.exec(readFileSync(readme, 'utf8'))?.[1];
  if (line === undefined) return `src/${folder}/README.md has no "May import: …" line`;
  return line.trim() === 'nothing' ? [] : line.split(',').map((name) => name.trim());
}

test('every folder of src/ says in its README.md what it may import, and imports only that', () => {
  const graph = importGraph(sourceFiles(SRC));
  const problems = new Set<string>();
  for (const [file, targets] of graph) {
    const folder = toFolder(file);
    const allowed = readAllowed(folder);
    if (typeof allowed === 'string') {
      problems.add(allowed);
      continue;
    }
    for (const target of targets) {
      const other = toFolder(target);
      if (other !== folder && !allowed.includes(other)) problems.add(`${file} imports ${target}`);
    }
  }
  assert.deepEqual([...problems].sort(), [], 'import from an allowed folder, or change the README.md line');
});
