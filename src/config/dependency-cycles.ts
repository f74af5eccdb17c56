/**
 * The cycles of a dependency graph (name → the names it depends on), each once, as the path that
 * closes it: `['a', 'b', 'a']`. Names the graph does not define are ignored (reported elsewhere).
 * Each cycle starts at its member that comes first in the graph's order, so the result is stable.
 */
export function findDependencyCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = [...graph.keys()];
  const rank = new Map(order.map((name, index) => [name, index]));
  const done = new Set<string>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    const at = stack.indexOf(name);
    if (at >= 0) {
      const members = stack.slice(at);
      const first = members.reduce((a, b) => ((rank.get(a) ?? 0) <= (rank.get(b) ?? 0) ? a : b));
      const start = members.indexOf(first);
      const rotated = [...members.slice(start), ...members.slice(0, start)];
      const key = rotated.join('\u0000');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push([...rotated, first]);
      }
      return;
    }
    if (done.has(name)) return;
    stack.push(name);
    for (const next of graph.get(name) ?? []) if (graph.has(next)) visit(next, stack);
    stack.pop();
    done.add(name);
  };
  for (const name of order) visit(name, []);
  return cycles;
}

/** `a → b → a` */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}
