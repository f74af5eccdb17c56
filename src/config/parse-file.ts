import { lstat, open, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

import yaml from 'js-yaml';

import { type ConfigIssue } from './issues.js';
import { createLineIndexBuilder, type LineIndex } from './line-index.js';
import { firstInvalidUtf8, lineAt } from './utf8.js';
import { toYamlIssue } from './yaml-error.js';

/** A sidecars.yml is a few KB; anything near this is a mistake or an attack. */
export const MAX_FILE_BYTES = 256 * 1024;
/** YAML nesting deeper than this is refused by the parser (sidecars.yml needs 4 levels). */
export const MAX_DEPTH = 32;
/** Values reachable through aliases count every time: a "billion laughs" file stops here. */
export const MAX_NODES = 20_000;

export type ParsedFile =
  { ok: true; data: unknown; lines: LineIndex; empty: boolean } | { ok: false; issues: ConfigIssue[] };

function fileIssue(
  file: string,
  code: string,
  message: string,
  hint: string,
  at: { line?: number; column?: number } = {},
): ParsedFile {
  const issue: ConfigIssue = { code, severity: 'error', file, path: [], message, hint };
  if (at.line !== undefined) issue.line = at.line;
  if (at.column !== undefined) issue.column = at.column;
  return { ok: false, issues: [issue] };
}

/**
 * Reads `filePath` and parses it as YAML, refusing what is not a small regular UTF-8 text file
 * inside `rootDir` (when given). `displayName` is how messages name the file.
 */
export async function readConfigFile(
  filePath: string,
  displayName: string,
  rootDir?: string,
): Promise<ParsedFile> {
  const stats = await lstat(filePath);
  if (stats.isSymbolicLink() && rootDir !== undefined) {
    const link = await readlink(filePath);
    let target: string;
    try {
      target = await realpath(filePath);
    } catch {
      return fileIssue(
        displayName,
        'config_unreadable',
        `is a symbolic link to ${link}, which does not exist`,
        'Replace the link with the file itself.',
      );
    }
    const relative = path.relative(await realpath(rootDir), target);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      return fileIssue(
        displayName,
        'config_unreadable',
        `is a symbolic link to ${link}, outside the app directory`,
        'Replace the link with the file itself: staging reads only files that are part of the app.',
      );
    }
  }
  const handle = await open(filePath, 'r').catch((error: NodeJS.ErrnoException) => error);
  if (handle instanceof Error) {
    return fileIssue(
      displayName,
      'config_unreadable',
      `cannot be read (${handle.code ?? handle.message})`,
      'Make sidecars.yml a readable regular file.',
    );
  }
  try {
    const target = await handle.stat();
    if (target.isDirectory()) {
      return fileIssue(
        displayName,
        'config_unreadable',
        'is a directory, not a file',
        'Remove the directory and write sidecars.yml as a YAML file.',
      );
    }
    if (!target.isFile()) {
      return fileIssue(
        displayName,
        'config_unreadable',
        'is not a regular file',
        'Write sidecars.yml as a regular YAML file.',
      );
    }
    if (target.size > MAX_FILE_BYTES) {
      return fileIssue(
        displayName,
        'config_too_large',
        `is ${formatSize(target.size)}; the limit is ${formatSize(MAX_FILE_BYTES)}`,
        'A sidecars.yml declares a few sidecars: keep it small, and keep data out of it.',
      );
    }
    const bytes = Buffer.alloc(MAX_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    return parseConfigText(bytes.subarray(0, bytesRead), displayName);
  } finally {
    await handle.close();
  }
}

/** Bytes → YAML value + line index, or the issues that stop it. Pure. */
export function parseConfigText(bytes: Uint8Array, displayName: string): ParsedFile {
  if (bytes.length > MAX_FILE_BYTES) {
    return fileIssue(
      displayName,
      'config_too_large',
      `is larger than ${formatSize(MAX_FILE_BYTES)}`,
      'A sidecars.yml declares a few sidecars: keep it small, and keep data out of it.',
    );
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return fileIssue(
      displayName,
      'config_not_text',
      `is a binary file (a NUL byte at offset ${nul})`,
      'Write sidecars.yml as UTF-8 YAML text.',
      { line: lineAt(bytes, nul) },
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return fileIssue(
      displayName,
      'config_not_text',
      `is not valid UTF-8 (a bad byte at offset ${offset})`,
      'Save sidecars.yml with UTF-8 encoding.',
      { line: lineAt(bytes, offset) },
    );
  }
  const index = createLineIndexBuilder();
  let data: unknown;
  try {
    data = yaml.load(text, {
      filename: displayName,
      json: false,
      listener: index.listener,
      maxDepth: MAX_DEPTH,
    } as yaml.LoadOptions);
  } catch (error) {
    if (error instanceof yaml.YAMLException)
      return { ok: false, issues: [toYamlIssue(error, displayName, text, index.openLine())] };
    if (error instanceof RangeError) {
      return fileIssue(
        displayName,
        'yaml_too_deep',
        'nests too deeply to read',
        'A sidecars.yml is at most a few levels deep.',
      );
    }
    throw error;
  }
  if (countNodes(data, MAX_NODES) > MAX_NODES) {
    return fileIssue(
      displayName,
      'yaml_too_large',
      `expands to more than ${MAX_NODES} values (through aliases)`,
      'Write the values out, or use fewer aliases (*name).',
    );
  }
  return { ok: true, data, lines: index.build(), empty: data === undefined || data === null };
}

/** Counts values as a walk would meet them (an aliased value counts each time), up to `limit`+1. */
function countNodes(value: unknown, limit: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && count <= limit) {
    const next = pending.pop();
    count += 1;
    if (next === null || typeof next !== 'object') continue;
    for (const child of Array.isArray(next) ? (next as unknown[]) : Object.values(next)) pending.push(child);
  }
  return count;
}

function formatSize(bytes: number): string {
  const MIB = 1024 * 1024;
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
