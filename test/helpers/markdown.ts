// Reading the project's Markdown as GitHub renders it: headings and their anchors, links, sections,
// and the flags a command's section lists. Pure: the docs tests read the files.

const FENCE = /^\s*(`{3,}|~{3,})/;

/** The lines of a Markdown text that are not inside a fenced code block, with their 1-based numbers. */
export function toProseLines(markdown: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((text, index) => {
    const opening = FENCE.exec(text)?.[1];
    if (fence === null && opening !== undefined) {
      fence = opening;
      return;
    }
    if (fence !== null) {
      const closing = FENCE.exec(text)?.[1];
      if (closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length) fence = null;
      return;
    }
    lines.push({ line: index + 1, text });
  });
  return lines;
}

/** The text GitHub renders for a heading's Markdown: code spans kept as text, links as their text. */
function toHeadingText(markdown: string): string {
  return markdown
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*+/g, '')
    .trim();
}

/**
 * GitHub's anchor for a heading, by github-slugger's rule: lowercased; every character removed but
 * letters (and other alphabetic characters), marks, decimal and letter numbers, connectors (`_`),
 * the space and `-`; then each space turned into `-`.
 */
export function toGithubSlug(headingMarkdown: string): string {
  return toHeadingText(headingMarkdown)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\p{Alphabetic} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: its headings' slugs (a repeated one gets -1, -2 …) and HTML ids. */
export function toAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of toProseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading !== null) {
      const slug = toGithubSlug(heading[1] ?? '');
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  }
  return anchors;
}

export interface MarkdownLink {
  target: string;
  line: number;
}

/** The links of a Markdown text, inline and reference definitions, outside code blocks and code spans. */
export function toLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of toProseLines(markdown)) {
    const prose = text.replace(/(`+)[^`]*?\1/g, '');
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: match[1] ?? '', line });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (definition !== null) links.push({ target: definition[1] ?? '', line });
  }
  return links;
}

/** A link to another site (or an e-mail address), which these checks do not follow. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/**
 * The body of the section under the heading `heading` (its Markdown, e.g. "## `sidecars exec`"), up
 * to the next heading of the same or a higher level; undefined when there is no such heading.
 */
export function toSection(markdown: string, heading: string): string | undefined {
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const lines = toProseLines(markdown);
  const start = lines.findIndex(({ text }) => text.trim() === heading);
  if (start === -1) return undefined;
  const all = markdown.split('\n');
  const from = lines[start]?.line ?? 0;
  const next = lines.slice(start + 1).find(({ text }) => {
    const hashes = /^(#+)\s/.exec(text)?.[1];
    return hashes !== undefined && hashes.length <= level;
  });
  return all.slice(from, next === undefined ? all.length : next.line - 1).join('\n');
}

/** The flags a section's list items define: "- `--grace-ms N`: …" or "- `-o, --out DIR`: …". */
export function toListedFlags(section: string): string[] {
  const flags: string[] = [];
  for (const { text } of toProseLines(section)) {
    const match = /^- `(?:-[a-zA-Z], )?(--[a-z][a-z0-9-]*)/.exec(text);
    if (match?.[1] !== undefined) flags.push(match[1]);
  }
  return flags;
}

/** The flags a command's --help defines: its option lines, "  --grace-ms N …" or "  -o, --out DIR …". */
export function toHelpFlags(help: string): string[] {
  const flags: string[] = [];
  for (const line of help.split('\n')) {
    const match = /^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z0-9-]*)/.exec(line);
    if (match?.[1] !== undefined) flags.push(match[1]);
  }
  return flags;
}
