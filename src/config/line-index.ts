/**
 * Maps a field path of parsed YAML (['sidecars', 0, 'memory']) to its 1-based line in the file.
 * Built from js-yaml's `listener` option, which reports every node as it opens and closes: a
 * mapping's children arrive as key, value, key, value…, so a value is located at its key's line.
 * Pinned by test/unit/config/line-index.test.ts.
 */
export interface LineTree {
  line: number;
  children: Map<string, LineTree>;
}

export interface LineIndex {
  /** the line of the deepest node on `path` that the index knows (1 when it knows none) */
  lineOf(path: readonly PropertyKey[]): number;
}

interface Frame {
  line: number;
  children: { result: unknown; tree: LineTree }[];
}

/** The subset of js-yaml's loader state the listener reads. */
interface ListenerState {
  line: number;
  kind: string | null;
  result: unknown;
}

export function createLineIndexBuilder(): {
  listener: (event: 'open' | 'close', state: ListenerState) => void;
  build(): LineIndex;
  /** the 1-based line of the innermost node still open (after a parse error: where it began) */
  openLine(): number | undefined;
} {
  const stack: Frame[] = [{ line: 0, children: [] }];
  const listener = (event: 'open' | 'close', state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ line: state.line, children: [] });
      return;
    }
    const frame = stack.pop();
    const parent = stack.at(-1);
    if (frame === undefined || parent === undefined) return;
    parent.children.push({ result: state.result, tree: toTree(frame, state) });
  };
  return {
    listener,
    openLine: () => (stack.length > 1 ? (stack.at(-1)?.line ?? 0) + 1 : undefined),
    build(): LineIndex {
      const root = stack[0]?.children[0]?.tree;
      return { lineOf: (path) => (root === undefined ? 1 : findLine(root, path)) };
    },
  };
}

function toTree(frame: Frame, state: ListenerState): LineTree {
  const children = new Map<string, LineTree>();
  if (state.kind === 'sequence') {
    frame.children.forEach((child, index) => children.set(String(index), child.tree));
  } else if (state.kind === 'mapping' && frame.children.length % 2 === 0) {
    for (let i = 0; i < frame.children.length; i += 2) {
      const key = frame.children[i];
      const value = frame.children[i + 1];
      if (key === undefined || value === undefined) continue;
      children.set(String(key.result), { line: key.tree.line, children: value.tree.children });
    }
  }
  return { line: frame.line, children };
}

function findLine(root: LineTree, path: readonly PropertyKey[]): number {
  let node = root;
  for (const segment of path) {
    const next = node.children.get(String(segment));
    if (next === undefined) break;
    node = next;
  }
  return node.line + 1;
}
