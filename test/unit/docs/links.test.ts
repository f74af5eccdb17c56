import '../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { isExternal, toAnchors, toGithubSlug, toLinks } from '../../helpers/markdown.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const DOCS_DIR = path.join(REPO_ROOT, 'docs');
const README = path.join(REPO_ROOT, 'README.md');

function readDocs(): string[] {
  return readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => path.join(DOCS_DIR, name));
}

/** Every Markdown file a reader of the repository follows links in. */
function readPages(): string[] {
  return [README, path.join(REPO_ROOT, 'CHANGELOG.md'), ...readDocs()];
}

/** Where a link of `file` leads, or why it leads nowhere. */
function checkLink(file: string, target: string): string | null {
  const hash = target.indexOf('#');
  const linkPath = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
  const resolved = linkPath === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(linkPath));
  if (!existsSync(resolved)) return `${path.relative(REPO_ROOT, resolved)} does not exist`;
  if (anchor === null) return null;
  if (!resolved.endsWith('.md')) {
    return /^L\d+(-L\d+)?$/.test(anchor) ? null : `#${anchor} is not a line anchor of a source file`;
  }
  const anchors = toAnchors(readFileSync(resolved, 'utf8'));
  return anchors.has(anchor) ? null : `${path.relative(REPO_ROOT, resolved)} has no heading #${anchor}`;
}

test("headings get GitHub's anchors", () => {
  assert.equal(
    toGithubSlug('`sidecars exec`: what the platform runs'),
    'sidecars-exec-what-the-platform-runs',
  );
  assert.equal(toGithubSlug('Order: `depends_on`, `start`, `stop`'), 'order-depends_on-start-stop');
  assert.equal(
    toGithubSlug("Restarts and a sidecar's own health check"),
    'restarts-and-a-sidecars-own-health-check',
  );
  assert.equal(toGithubSlug('What `bin/supply` writes'), 'what-binsupply-writes');
  assert.equal(toGithubSlug('The Node.js runtime'), 'the-nodejs-runtime');
  assert.equal(toGithubSlug('A — B'), 'a--b');
  assert.equal(toGithubSlug('≤ 10⁶ Ⅻ'), '-10-ⅻ'); // symbols and other numbers go, letter numbers stay
  assert.equal(toGithubSlug('See [the docs](docs/x.md)'), 'see-the-docs');
  // a heading that repeats gets -1, -2 …; code blocks hold no headings
  const anchors = toAnchors('# Title\n## Usage\n```sh\n# not a heading\n```\n## Usage\n');
  assert.deepEqual([...anchors], ['title', 'usage', 'usage-1']);
});

test('links are found outside code blocks and code spans', () => {
  const links = toLinks(
    '[a](docs/a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d]: ./d.md#part\n![e](img/e.png "E")\n',
  );
  assert.deepEqual(
    links.map((link) => link.target),
    ['docs/a.md', './d.md#part', 'img/e.png'],
  );
});

test('every relative link and #anchor in README.md, CHANGELOG.md and docs/*.md resolves', () => {
  const broken: string[] = [];
  for (const file of readPages()) {
    for (const { target, line } of toLinks(readFileSync(file, 'utf8'))) {
      if (isExternal(target)) continue;
      const problem = checkLink(file, target);
      if (problem !== null) broken.push(`${path.relative(REPO_ROOT, file)}:${line} (${target}): ${problem}`);
    }
  }
  assert.deepEqual(broken, [], `broken links:\n${broken.join('\n')}`);
});

test('every page of docs/ is linked from the README', () => {
  const readme = readFileSync(README, 'utf8');
  const linked = new Set(
    toLinks(readme)
      .filter(({ target }) => !isExternal(target))
      .map(({ target }) => path.resolve(REPO_ROOT, decodeURIComponent(target.split('#')[0] ?? ''))),
  );
  const docs = readDocs();
  assert.ok(docs.length > 0, 'docs/ holds no page');
  const orphans = docs.filter((doc) => !linked.has(doc)).map((doc) => path.relative(REPO_ROOT, doc));
  assert.deepEqual(orphans, [], `not linked from README.md: ${orphans.join(', ')}`);
});

test('the README stays a front page', () => {
  const readme = readFileSync(README, 'utf8');
  const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
  assert.ok(lines <= 250, `README.md has ${lines} lines; the limit is 250: move the detail into docs/`);
  // the two commands that work on a fresh machine come first
  assert.match(
    readme,
    /^# sidecar-buildpack\n\n```sh\nnpm ci && npm run demo .*\nnpm ci && npm test .*\n```\n/,
  );
});
